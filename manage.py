#!/usr/bin/env python
from pupilsync.cli import main

if __name__ == "__main__":
    main()
