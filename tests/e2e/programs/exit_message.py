"""sys.exit("message"): the message on stderr, status 1."""
import sys

print("stdout before the exit")
sys.exit("fatal: the frobnicator is out of flux")
