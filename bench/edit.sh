# Sourced by the bench scripts. edit BIN ROOT DOC: one section of the
# document DOC of the site ROOT edited in three languages, with release
# notes, and marked translated by the privsite binary BIN: ready to release.
edit() {
  local bin=$1 root=$2 doc=$3 n=$RANDOM section l
  section=$(cd "$root" && ls content/"$doc"/*.de.md | grep -v _index | head -1)
  for l in de en sv; do
    echo "Edit $RANDOM." >>"$root/${section%.de.md}.$l.md"
    printf -- '- edit %s\n' "$n" >"$root/content/$doc/_release.$l.md"
  done
  for l in en sv; do
    "$bin" --root "$root" mark-translated $l "$doc" >/dev/null 2>&1
    "$bin" --root "$root" mark-translated $l "$doc/_release" >/dev/null 2>&1
  done
}
