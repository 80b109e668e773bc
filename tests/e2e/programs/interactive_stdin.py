"""input() on a terminal: prompts written to stdout, answers typed (the
terminal echoes them), Ctrl-D gives EOFError."""
name = input("name? ")
number = int(input("number? "))
print(f"hello {name}, next is {number + 1}")
try:
    input("more? ")
except EOFError:
    print("\nEOF on the terminal")
