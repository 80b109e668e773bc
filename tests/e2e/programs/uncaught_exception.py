"""An uncaught, chained exception raised through user frames only:
traceback on stderr, status 1. Frozen with --include-source so the traceback
shows source lines (and the 3.11 ^^^^ markers) exactly like python."""


class ConfigError(Exception):
    pass


def parse(text):
    key, _, value = text.partition("=")
    return {key.strip(): int(value)}


def load(text):
    try:
        return parse(text)
    except ValueError as exc:
        raise ConfigError(f"bad config: {text!r}") from exc


def main():
    print("loading config")
    settings = {"depth": 2}
    return load("depth = " + str(settings["depth"]) + " oops")


main()
