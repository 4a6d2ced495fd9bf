"""`python -m kg` runs the `kg` command."""

from kg.launch import main

main()
