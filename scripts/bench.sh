# TODO: bench is not written yet.
echo "bench not written yet" >&2; exit 1
