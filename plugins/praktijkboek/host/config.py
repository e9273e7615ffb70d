"""The plugin's options in mkdocs.yml, typed, each with its documentation (like mkdocs-autorefs' AutorefsConfig)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from praktijkboek.core.editors.cms import LOCAL_PROXY
from praktijkboek.core.reading.kinds import DEFAULT_FOLDERS
from praktijkboek.outputs.admin import DEFAULT_PACKAGES


class PraktijkboekConfig(Config):
    networks_dir = c.Type(str, default=DEFAULT_FOLDERS.networks)
    """Folder with one subfolder per network (`network.yml` and `sessions/`), relative to mkdocs.yml."""

    content_dir = c.Type(str, default=DEFAULT_FOLDERS.content)
    """Folder with what networks share: cases, organisations, people, themes, conditions, barriers, levers.
    The docs_dir (hand-written pages) may live inside it; it is then skipped by the loader."""

    search = c.Choice(("pagefind", "material"), default="pagefind")
    """`pagefind`: Pagefind indexes every page while the book is built, and the header's search box (Material's
    look) searches it, with filters; the index is fetched in small parts, so it scales to large books.
    Leave Material's `search` plugin out of mkdocs.yml then. `material`: Material's own search plugin."""

    contribute_email = c.Optional(c.Type(str))
    """An address where readers who are not on GitHub send what they know (a case the book knows little of
    invites them to). Without it, the invitation offers only the route through GitHub."""

    default_nav = c.Type(bool, default=True)
    """When mkdocs.yml has no `nav`, use one of index pages only. Entity pages stay out of the
    navigation: Material renders the whole nav into every page, so listing every entity makes the
    build quadratic."""

    cms = c.Type(bool, default=False)
    """Ship the editing interface (Decap CMS) at /admin/: a form for every kind of file, generated from the
    models, that saves a change as a pull request (docs/publishing.md). Needs its packages installed:
    `npm ci --prefix scripts/cms` (./scripts/build and ./scripts/serve do it)."""

    cms_packages = c.Type(str, default=DEFAULT_PACKAGES)
    """Where the editing interface's npm packages are installed, relative to mkdocs.yml."""

    cms_branch = c.Type(str, default="main")
    """The branch the interface's pull requests go to: the one the book is published from."""

    cms_auth_url = c.Optional(c.Type(str))
    """The address of the authentication helper that signs editors in with GitHub (an OAuth app's
    helper, hosted by the site owner: docs/publishing.md). The repository comes from `repo_url`."""

    cms_auth_scope = c.Choice(("public_repo", "repo"), default="public_repo")
    """What editors allow the interface to do on GitHub when they sign in: `public_repo` is enough for a
    public repository (the book's content is open); a private one needs `repo`."""

    cms_local_proxy = c.Type(str, default=LOCAL_PROXY)
    """The local proxy (decap-server, `./scripts/edit`) that the interface uses instead of GitHub when the
    book is opened on this machine: the forms then save in the working copy."""
