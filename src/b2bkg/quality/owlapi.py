"""The OWL API's OWL 2 DL profile checker (Debian's libowlapi-java), as a second opinion on
``b2bkg.quality.profile``. A tiny Java class, compiled at first use into the user cache, loads
one ontology file and prints each violation. ``b2bkg validate`` runs it as its ``owlapi`` gate
(and the tests use it directly); it needs javac and the jars."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

__all__ = ["JARS", "OwlApiError", "OwlApiReport", "available", "check_dl_profile"]

JARS = Path("/usr/share/java")
_JAR = JARS / "owlapi-distribution.jar"
_SOURCE = """\
import java.io.File;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.io.FileDocumentSource;
import org.semanticweb.owlapi.model.*;
import org.semanticweb.owlapi.profiles.*;

/** Prints the OWL API's OWL 2 DL profile violations of one ontology file; exit 1 if any. */
public class B2bkgProfileCheck {
    public static void main(String[] args) throws Exception {
        OWLOntologyManager m = OWLManager.createOWLOntologyManager();
        OWLOntologyLoaderConfiguration c = new OWLOntologyLoaderConfiguration()
            .setMissingImportHandlingStrategy(MissingImportHandlingStrategy.SILENT);
        OWLOntology o = m.loadOntologyFromOntologyDocument(new FileDocumentSource(new File(args[0])), c);
        OWLProfileReport r = new OWL2DLProfile().checkOntology(o);
        for (OWLProfileViolation v : r.getViolations()) {
            System.out.println(v.getClass().getSimpleName() + "\\t" + v.toString().replace('\\n', ' '));
        }
        System.exit(r.isInProfile() ? 0 : 1);
    }
}
"""


class OwlApiError(RuntimeError):
    """The checker could not be compiled or run (not: the ontology is outside the profile)."""


@dataclass
class OwlApiReport:
    in_profile: bool
    violations: list[tuple[str, str]]  # (the OWL API's violation class, its message)


def available() -> bool:
    # shutil.which, not a walk over PATH: a PATH entry the user may not read (root's ~/.cargo/bin
    # kept by `su`) made Path.exists raise PermissionError and every validation fail
    return _JAR.exists() and shutil.which("javac") is not None


def _compiled() -> Path:
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "b2bkg" / "owlapi"
    if not (cache / "B2bkgProfileCheck.class").exists():
        cache.mkdir(parents=True, exist_ok=True)
        (cache / "B2bkgProfileCheck.java").write_text(_SOURCE, encoding="utf-8")
        try:
            subprocess.run(["javac", "-cp", f"{JARS}/*", "-d", str(cache), str(cache / "B2bkgProfileCheck.java")],
                           check=True, capture_output=True, text=True, timeout=300)  # fmt: skip
        except subprocess.CalledProcessError as exc:
            raise OwlApiError(f"cannot compile the OWL API profile checker: {exc.stderr.strip()[-500:]}") from exc
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise OwlApiError(f"cannot compile the OWL API profile checker: {exc}") from exc
    return cache


def check_dl_profile(path: str | Path) -> OwlApiReport:
    """The OWL API's OWL 2 DL profile report for the ontology file ``path`` (RDF/XML, Turtle …)."""
    cache = _compiled()
    try:
        run = subprocess.run(["java", "-cp", f"{cache}{os.pathsep}{JARS}/*", "B2bkgProfileCheck", str(path)],
                             capture_output=True, text=True, timeout=300)  # fmt: skip
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise OwlApiError(f"OWL API profile check could not run: {exc}") from exc
    if run.returncode not in (0, 1):
        raise OwlApiError(f"OWL API profile check failed: {run.stderr.strip()[-500:]}")
    violations = [tuple(line.split("\t", 1)) for line in run.stdout.splitlines() if "\t" in line]
    return OwlApiReport(run.returncode == 0, violations)
