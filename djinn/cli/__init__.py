"""The `djinn` command: run the server and administer users and tokens.

The original Djinn CI creates users and tokens in its web UI; this CLI is the
equivalent a user can reach on the server's machine.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import getpass
import os
import sys
import traceback

from sqlalchemy import select
from sqlalchemy.orm import Session

from djinn.cli.client import submit
from djinn.cli.serve import serve as serve_api
from djinn.domain.apps import apps_of, delete_app, register_app, revoke_grants
from djinn.domain.auth.scopes import ALL_SCOPES, ScopeError, format_scope, parse_scope
from djinn.domain.auth.tokens import create_token, revoke_token
from djinn.domain.users import create_user, generate_password, get_user_by_username
from djinn.infra.config import Config
from djinn.infra.db.models import Token, User
from djinn.infra.db.session import Database
from djinn.infra.errors import NotFound, ValidationFailed
from djinn.infra.storage import private_dir
from djinn.runner import DriverError
from djinn.services.scheduler import serve_scheduler
from djinn.services.worker import serve_worker


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "func"):
        parser.print_help()
        return 2
    try:
        config = Config.from_env(
            data_dir=args.data_dir,
            database_url=args.database_url,
            host=getattr(args, "host", None),
            port=getattr(args, "port", None),
            base_url=getattr(args, "base_url", None),
            processes=getattr(args, "processes", None),
        )
    except ValueError as e:
        print(f"djinn: {e}", file=sys.stderr)
        return 2
    try:
        return args.func(config, args) or 0
    except ValidationFailed as e:
        for field, messages in e.errors.items():
            for message in messages:
                print(f"djinn: {field}: {message}", file=sys.stderr)
        return 1
    except (ScopeError, LookupError) as e:
        print(f"djinn: {e}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="djinn", description="A CI server compatible with the Djinn CI API."
    )
    parser.add_argument(
        "--data-dir", help="directory for the SQLite database, files and secret key (DJINN_DATA_DIR)"
    )
    parser.add_argument("--database-url", help="SQLAlchemy URL of the database (DJINN_DATABASE_URL)")
    commands = parser.add_subparsers(metavar="COMMAND")

    serve = commands.add_parser("serve", help="migrate the database and serve the API")
    serve.add_argument("--host", help="address to listen on (DJINN_HOST, default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to listen on (DJINN_PORT, default 8080)")
    serve.add_argument("--base-url", help="public base URL used in entity URLs (DJINN_BASE_URL)")
    serve.add_argument(
        "--processes",
        type=int,
        help="API processes serving requests (DJINN_PROCESSES, default 1); one build worker and scheduler"
        " still run beside them",
    )
    serve.set_defaults(func=cmd_serve)

    worker = commands.add_parser("worker", help="run builds taken from the Redis queues (distributed mode)")
    worker.add_argument(
        "--drivers", help="comma-separated drivers this worker serves (DJINN_DRIVERS, default os)"
    )
    worker.add_argument("--concurrency", type=int, help="builds run at once (DJINN_WORKERS, default 4)")
    worker.add_argument(
        "--no-tasks",
        action="store_true",
        help="do not also run background tasks (webhook deliveries, image downloads)",
    )
    worker.set_defaults(func=cmd_worker)

    scheduler = commands.add_parser(
        "scheduler", help="fire due cron schedules, sweep lost builds and curate artifacts (run one or more)"
    )
    scheduler.set_defaults(func=cmd_scheduler)

    submit = commands.add_parser(
        "submit", help="submit a build manifest to a server; --follow streams its output"
    )
    submit.add_argument("manifest", help="the manifest file (YAML); - for stdin")
    submit.add_argument(
        "--follow", action="store_true", help="stream the jobs' output; exit 0 only if the build passed"
    )
    submit.add_argument(
        "--server", help="the server's base URL (DJINN_SERVER, default http://127.0.0.1:8080)"
    )
    submit.add_argument("--token", help="an API token with build:read,write (DJINN_TOKEN)")
    submit.add_argument("--comment", default="", help="a comment recorded on the build's trigger")
    submit.add_argument("--tag", action="append", default=[], help="a tag to put on the build (repeatable)")
    submit.set_defaults(func=cmd_submit)

    migrate = commands.add_parser("migrate", help="bring the database schema up to date")
    migrate.set_defaults(func=cmd_migrate)

    user = commands.add_parser("user", help="manage users").add_subparsers(metavar="ACTION")
    create = user.add_parser("create", help="create a user; the password is read from stdin or generated")
    create.add_argument("username")
    create.add_argument("--email", required=True)
    create.set_defaults(func=cmd_user_create)

    token = commands.add_parser("token", help="manage personal access tokens").add_subparsers(
        metavar="ACTION"
    )
    tcreate = token.add_parser("create", help="create a token and print it (only the token, on stdout)")
    tcreate.add_argument("username")
    tcreate.add_argument("--name", required=True)
    tcreate.add_argument("--scope", required=True, help='e.g. "build:read,write namespace:read", or "all"')
    tcreate.add_argument("--expires-in-days", type=int, help="the token stops working after this many days")
    tcreate.set_defaults(func=cmd_token_create)
    tlist = token.add_parser("list", help="list a user's tokens (never their values)")
    tlist.add_argument("username")
    tlist.set_defaults(func=cmd_token_list)
    trevoke = token.add_parser("revoke", help="revoke a user's tokens by name")
    trevoke.add_argument("username")
    trevoke.add_argument("--name", required=True)
    trevoke.set_defaults(func=cmd_token_revoke)

    app = commands.add_parser("app", help="manage OAuth apps").add_subparsers(metavar="ACTION")
    acreate = app.add_parser(
        "create", help="register an OAuth app; prints its client id and secret (shown once)"
    )
    acreate.add_argument("username", help="the app's owner")
    acreate.add_argument("--name", required=True)
    acreate.add_argument("--redirect-uri", required=True, help="absolute http(s) URL users are sent back to")
    acreate.add_argument("--homepage", default="", help="the app's home page")
    acreate.add_argument("--description", default="")
    acreate.set_defaults(func=cmd_app_create)
    alist = app.add_parser("list", help="list a user's OAuth apps (never their secrets)")
    alist.add_argument("username")
    alist.set_defaults(func=cmd_app_list)
    adelete = app.add_parser("delete", help="delete a user's OAuth app and every token issued to it")
    adelete.add_argument("username")
    adelete.add_argument("client_id")
    adelete.set_defaults(func=cmd_app_delete)
    arevoke = app.add_parser("revoke-grants", help="revoke every token a user granted to an OAuth app")
    arevoke.add_argument("username", help="the user who granted the tokens")
    arevoke.add_argument("client_id")
    arevoke.set_defaults(func=cmd_app_revoke_grants)

    ssh_key = commands.add_parser(
        "ssh-key", help="print the public key the ssh and qemu drivers log in with (made on first use)"
    )
    ssh_key.set_defaults(func=cmd_ssh_key)

    demo = commands.add_parser(
        "demo", help="create the demo user if missing and print a fresh all-scope token"
    )
    demo.add_argument("--base-url", help="base URL to show in the curl example")
    demo.set_defaults(func=cmd_demo)
    return parser


def _migrated(config: Config) -> Database:
    # Deferred: Alembic (and Mako) are needed while migrating only; `djinn
    # serve` migrates in a child process (_migrate_apart) so they never load
    # into the server.
    from djinn.infra.db.migrate import upgrade

    private_dir(config.data_dir)
    upgrade(config.database_url)
    return Database(config.database_url)


def _migrate_apart(config: Config) -> int:
    """Migrate in a forked child: Alembic's modules and the migration's
    garbage (about 10 MiB) stay out of the long-running server. The server
    has started no thread yet, so the fork is safe. Its exit status."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child
        code = 1
        try:
            _migrated(config).dispose()
            code = 0
        except Exception:  # noqa: BLE001  (any failure is printed; the child exits 1)
            traceback.print_exc()
        finally:
            sys.stderr.flush()
            os._exit(code)
    _pid, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def cmd_migrate(config: Config, _args: argparse.Namespace) -> int:
    _migrated(config).dispose()
    print("database is up to date", file=sys.stderr)
    return 0


def cmd_serve(config: Config, _args: argparse.Namespace) -> int:
    if _migrate_apart(config) != 0:
        print("djinn: migrating the database failed", file=sys.stderr)
        return 1
    return serve_api(config)


def cmd_worker(config: Config, args: argparse.Namespace) -> int:

    if not config.redis_url:
        print(
            "djinn: `djinn worker` needs DJINN_REDIS_URL (and a shared DJINN_DATABASE_URL);"
            " `djinn serve` alone runs builds in embedded mode",
            file=sys.stderr,
        )
        return 2
    if args.drivers:
        config = dataclasses.replace(
            config, drivers=tuple(d.strip() for d in args.drivers.split(",") if d.strip())
        )
    if args.concurrency:
        config = dataclasses.replace(config, workers=args.concurrency)
    _migrated(config).dispose()
    return serve_worker(config.with_secret_key(), tasks=not args.no_tasks)


def cmd_scheduler(config: Config, _args: argparse.Namespace) -> int:

    _migrated(config).dispose()
    return serve_scheduler(config.with_secret_key())


def cmd_submit(_config: Config, args: argparse.Namespace) -> int:

    server = args.server or os.environ.get("DJINN_SERVER") or "http://127.0.0.1:8080"
    token = args.token or os.environ.get("DJINN_TOKEN")
    if not token:
        print("djinn: a token is required (--token or DJINN_TOKEN)", file=sys.stderr)
        return 2
    if args.manifest == "-":
        manifest = sys.stdin.read()
    else:
        with open(args.manifest, encoding="utf-8") as f:
            manifest = f.read()
    return submit(server, token, manifest, comment=args.comment, tags=args.tag, follow=args.follow)


def cmd_user_create(config: Config, args: argparse.Namespace) -> int:

    if sys.stdin.isatty():
        password = getpass.getpass("Password (empty to generate one): ")
    else:
        password = sys.stdin.readline().rstrip("\n")
    generated = not password
    if generated:
        password = generate_password()
    database = _migrated(config)
    with database.transaction() as session:
        user = create_user(session, username=args.username, email=args.email, password=password)
        print(f"created user {user.username} (id {user.id})", file=sys.stderr)
    if generated:
        print(f"password: {password}")
    return 0


def _user(session: Session, username: str) -> User:

    user = get_user_by_username(session, username)
    if user is None:
        raise LookupError(f"no user named {username!r}")
    return user


def cmd_token_create(config: Config, args: argparse.Namespace) -> int:

    scope = format_scope(ALL_SCOPES) if args.scope == "all" else args.scope
    parse_scope(scope)
    expires_at = None
    if args.expires_in_days:
        expires_at = dt.datetime.now(dt.UTC) + dt.timedelta(days=args.expires_in_days)
    database = _migrated(config)
    with database.transaction() as session:
        _token, plaintext = create_token(
            session, _user(session, args.username), name=args.name, scope=scope, expires_at=expires_at
        )
    print(plaintext)
    return 0


def cmd_token_list(config: Config, args: argparse.Namespace) -> int:

    database = _migrated(config)
    with database.session() as session:
        user = _user(session, args.username)
        for token in session.execute(
            select(Token).where(Token.user_id == user.id).order_by(Token.id)
        ).scalars():
            state = "revoked" if token.revoked_at else "active"
            expires = token.expires_at.isoformat() if token.expires_at else "never"
            print(
                f"{token.id}\t{token.name}\t{token.token_prefix}...\t{state}\texpires {expires}\t{token.scope}"
            )
    return 0


def cmd_token_revoke(config: Config, args: argparse.Namespace) -> int:

    database = _migrated(config)
    with database.transaction() as session:
        user = _user(session, args.username)
        tokens = (
            session.execute(
                select(Token).where(
                    Token.user_id == user.id, Token.name == args.name, Token.revoked_at.is_(None)
                )
            )
            .scalars()
            .all()
        )
        if not tokens:
            raise LookupError(f"{args.username} has no active token named {args.name!r}")
        for token in tokens:
            revoke_token(session, token)
    print(f"revoked {len(tokens)} token(s)", file=sys.stderr)
    return 0


def cmd_app_create(config: Config, args: argparse.Namespace) -> int:

    database = _migrated(config)
    with database.transaction() as session:
        app, secret = register_app(
            session,
            _user(session, args.username),
            name=args.name,
            redirect_uri=args.redirect_uri,
            homepage_uri=args.homepage,
            description=args.description,
        )
    print(f"client_id: {app.client_id}")
    print(f"client_secret: {secret}")
    print("The client secret is shown only now: store it.", file=sys.stderr)
    return 0


def cmd_app_list(config: Config, args: argparse.Namespace) -> int:

    database = _migrated(config)
    with database.session() as session:
        user = _user(session, args.username)
        for app in session.execute(apps_of(user.id)).scalars():
            print(f"{app.client_id}\t{app.name}\t{app.redirect_uri}\tcreated {app.created_at.isoformat()}")
    return 0


def cmd_app_delete(config: Config, args: argparse.Namespace) -> int:

    database = _migrated(config)
    with database.transaction() as session:
        try:
            delete_app(session, _user(session, args.username).id, args.client_id)
        except NotFound:
            raise LookupError(f"{args.username} has no app with client id {args.client_id!r}") from None
    print(f"deleted app {args.client_id} and the tokens issued to it", file=sys.stderr)
    return 0


def cmd_app_revoke_grants(config: Config, args: argparse.Namespace) -> int:

    database = _migrated(config)
    with database.transaction() as session:
        count = revoke_grants(session, _user(session, args.username).id, args.client_id)
    print(f"revoked {count} token(s)", file=sys.stderr)
    return 0


def cmd_ssh_key(config: Config, _args: argparse.Namespace) -> int:
    from djinn.runner.drivers.ssh import public_key_line  # deferred: paramiko, for this command only

    try:
        print(public_key_line(config))
    except DriverError as e:
        print(f"djinn: {e}", file=sys.stderr)
        return 1
    return 0


def cmd_demo(config: Config, args: argparse.Namespace) -> int:

    database = _migrated(config)
    with database.transaction() as session:
        user = get_user_by_username(session, "demo")
        if user is None:
            password = generate_password()
            user = create_user(session, username="demo", email="demo@example.com", password=password)
            print(f"created user demo with password {password}")
        _token, plaintext = create_token(session, user, name="demo", scope=format_scope(ALL_SCOPES))
    base = args.base_url or config.base_url
    print(f"demo token: {plaintext}")
    print(f"try: curl -H 'Authorization: Bearer {plaintext}' {base}/user")
    return 0


if __name__ == "__main__":
    sys.exit(main())
