# Sourced by the stand-ins that, like zmcontrol and zmprov, refuse anyone but
# zimbra with the real tools' exact message (zm-core-utils:
# `print STDERR "Error: must be run as zimbra user\n"; exit 1`).
if [ "$(id -un)" != zimbra ]; then
  echo "Error: must be run as zimbra user" >&2
  exit 1
fi
