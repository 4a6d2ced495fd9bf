"""The canonical graph: built from validated records (build), fingerprinted, cached, streamed."""
