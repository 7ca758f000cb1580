#!/usr/bin/env python3
"""A real S3-compatible server on loopback for privsite's publish tests.

    moto_helper.py PORT [--auth]

Starts moto's server on 127.0.0.1:PORT, prints {"key": …, "secret": …} as one
JSON line, then answers one JSON command per line on stdin with one JSON line
on stdout:

    {"op": "create_bucket", "bucket": B}
    {"op": "put", "bucket": B, "key": K, "body": TEXT}
    {"op": "objects", "bucket": B}  -> {key: {sha256, size, content_type, cache_control}}

It stops when stdin closes, so the server ends with the test process.

With --auth, moto enforces authentication: the first three requests create an
IAM user, its key and its policy, and every later request must come with that
key; an unknown key is refused with InvalidAccessKeyId. (moto's own signature
check does not match the signatures of every S3 client, so the tests use this
server only to see a refused key.)
"""
import hashlib
import json
import os
import sys

AUTH = "--auth" in sys.argv
if AUTH:
    # Read by moto when it is imported: enforce authentication after 3 requests.
    os.environ["INITIAL_NO_AUTH_ACTION_COUNT"] = "3"

import boto3  # noqa: E402
from moto.server import ThreadedMotoServer  # noqa: E402

port = int(sys.argv[1])
server = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
server.start()
endpoint = f"http://127.0.0.1:{port}"
anon = dict(endpoint_url=endpoint, region_name="us-east-1",
            aws_access_key_id="setup", aws_secret_access_key="setup")
key = {"AccessKeyId": "privsite-test", "SecretAccessKey": "privsite-test-secret"}
if AUTH:
    iam = boto3.client("iam", **anon)
    iam.create_user(UserName="privsite")
    key = iam.create_access_key(UserName="privsite")["AccessKey"]
    iam.put_user_policy(
        UserName="privsite", PolicyName="all",
        PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                  aws_access_key_id=key["AccessKeyId"],
                  aws_secret_access_key=key["SecretAccessKey"])
print(json.dumps({"key": key["AccessKeyId"], "secret": key["SecretAccessKey"]}), flush=True)

for line in sys.stdin:
    try:
        cmd = json.loads(line)
        op = cmd["op"]
        if op == "create_bucket":
            s3.create_bucket(Bucket=cmd["bucket"])
            reply = {}
        elif op == "put":
            s3.put_object(Bucket=cmd["bucket"], Key=cmd["key"], Body=cmd["body"].encode())
            reply = {}
        elif op == "objects":
            reply = {}
            pages = s3.get_paginator("list_objects_v2").paginate(Bucket=cmd["bucket"])
            for page in pages:
                for obj in page.get("Contents", []):
                    got = s3.get_object(Bucket=cmd["bucket"], Key=obj["Key"])
                    body = got["Body"].read()
                    reply[obj["Key"]] = {
                        "sha256": hashlib.sha256(body).hexdigest(),
                        "size": len(body),
                        "content_type": got.get("ContentType", ""),
                        "cache_control": got.get("CacheControl", ""),
                    }
        else:
            reply = {"error": f"unknown op {op}"}
    except Exception as e:  # the test prints it
        reply = {"error": repr(e)}
    print(json.dumps(reply), flush=True)
server.stop()
