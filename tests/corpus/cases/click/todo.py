"""A small click application: groups, options, arguments, types, prompts from stdin, errors."""
import json

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--verbose", "-v", count=True, help="More output.")
@click.pass_context
def cli(ctx, verbose):
    """Manage a to-do list."""
    ctx.obj = {"verbose": verbose, "items": []}


@cli.command()
@click.argument("titles", nargs=-1, required=True)
@click.option("--priority", type=click.IntRange(1, 5), default=3, show_default=True)
@click.option("--tag", multiple=True)
@click.pass_obj
def add(obj, titles, priority, tag):
    """Add items."""
    for t in titles:
        obj["items"].append({"title": t, "priority": priority, "tags": list(tag)})
    click.echo(json.dumps(obj["items"], sort_keys=True))
    if obj["verbose"]:
        click.secho(f"added {len(titles)}", bold=True)


@cli.command()
@click.option("--name", prompt="Your name")
@click.confirmation_option(prompt="Really clear?")
def clear(name):
    """Clear everything."""
    click.echo(f"cleared by {name}")


@cli.command()
@click.argument("fmt", type=click.Choice(["json", "text"]))
def show(fmt):
    """Show items."""
    click.echo(click.style(fmt, fg="red"))


if __name__ == "__main__":
    import sys
    for argv in (["-v", "add", "milk", "eggs", "--priority", "5", "--tag", "shop"],
                 ["--help"], ["add", "--help"], ["clear"], ["show", "xml"], ["add", "x", "--priority", "9"]):
        click.echo(f"$ todo {' '.join(argv)}")
        try:
            cli.main(argv, prog_name="todo", standalone_mode=False)
        except click.ClickException as exc:
            exc.show(file=sys.stdout)
        except click.Abort:
            click.echo("aborted")
    cli.main(["show", "text"], prog_name="todo")
