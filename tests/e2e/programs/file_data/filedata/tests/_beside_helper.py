WORD = "beta"
if __name__ == "__main__":
    print("run with -m from its directory")
