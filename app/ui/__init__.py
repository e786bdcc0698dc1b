"""The Qt interface: thin widgets that read the record and the session."""
