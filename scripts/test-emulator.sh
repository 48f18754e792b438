# TODO: test-emulator is not written yet.
echo "test-emulator not written yet" >&2; exit 1
