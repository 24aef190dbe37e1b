"""Installs the peer engines from their registries and says how to run each.

Every engine ends up as an `Engine`: either runnable (the command lines of
its driver) or not, with the reason. Nothing is dropped silently: the report
prints the reason of every engine that could not be had.
"""

import dataclasses
import glob
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
ENGINES_DIR = os.path.join(HERE, "engines")
VENV = os.path.join(REPO, "build", "compare-venv")
LUCENE_BUILD = os.path.join(REPO, "build", "compare-lucene")
# Lucene 10 needs Java 21+; with only an older JDK, 9.x is the newest that runs.
LUCENE_10 = "10.3.2"
LUCENE_9 = "9.12.3"
PIP_PACKAGES = {  # engine -> what pip installs for it
    "tantivy": ["tantivy"],
    "bm25s": ["bm25s"],
    "pisa": ["pyterrier-pisa"],
    "pytrec_eval": ["pytrec-eval-terrier"],  # cross-checks `trawl eval`
}


@dataclasses.dataclass
class Engine:
    """How to index and query with one engine, or why it cannot."""
    name: str
    index_cmd: list = None      # + [work, index_dir, out_json]
    query_cmd: list = None      # + [work, index_dir, out_json]
    version: str = ""
    unavailable: str = ""       # the reason, when not runnable
    notes: list = dataclasses.field(default_factory=list)
    threaded: bool = False      # indexes with $COMPARE_THREADS threads
    english_cmd: list = None    # + [work, index_dir, out_json]: the stemmed reference


def _run(cmd, timeout=1800, **kwargs):
    """Runs `cmd`; returns (ok, last lines of its output)."""
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kwargs)
    except (OSError, subprocess.TimeoutExpired) as e:
        return False, str(e)
    tail = (p.stdout + p.stderr).strip().splitlines()[-3:]
    return p.returncode == 0, " / ".join(tail)


def venv_python():
    return os.path.join(VENV, "bin", "python")


def _ensure_venv(log):
    if not os.path.exists(venv_python()):
        log(f"creating {VENV}")
        ok, out = _run([sys.executable, "-m", "venv", VENV])
        if not ok:
            return f"python -m venv failed: {out}"
        _run([venv_python(), "-m", "pip", "install", "-q", "--upgrade", "pip"])
    return ""


def _pip_version(module):
    ok, out = _run([venv_python(), "-c",
                    f"import importlib.metadata as m; print(m.version('{module}'))"])
    return out if ok else ""


def _pip_install(name, module, log):
    """Installs `name`'s packages into the venv unless `module` imports;
    returns why it could not, or ""."""
    ok, _ = _run([venv_python(), "-c", f"import {module}"])
    if ok:
        return ""
    log(f"pip install {' '.join(PIP_PACKAGES[name])}")
    ok, out = _run([venv_python(), "-m", "pip", "install", "-q", *PIP_PACKAGES[name]])
    if not ok:
        return f"pip install failed: {out}"
    ok, out = _run([venv_python(), "-c", f"import {module}"])
    return "" if ok else f"installed but `import {module}` fails: {out}"


def _pip_engine(name, module, log):
    problem = _pip_install(name, module, log)
    if problem:
        return Engine(name, unavailable=problem)
    cmd = [venv_python(), os.path.join(ENGINES_DIR, f"{name}_engine.py")]
    return Engine(name, index_cmd=cmd + ["index"], query_cmd=cmd + ["query"],
                  version=_pip_version(PIP_PACKAGES[name][0]),
                  threaded=name in ("tantivy", "pisa"))


def _xapian(log):
    """Debian's python3-xapian, for Debian's own /usr/bin/python3."""
    python = "/usr/bin/python3"
    probe = [python, "-c", "import xapian; print(xapian.version_string())"]
    ok, out = _run(probe)
    if not ok and os.geteuid() == 0 and shutil.which("apt-get"):
        log("apt-get install python3-xapian")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        _run(["apt-get", "install", "-y", "-qq", "python3-xapian"], env=env)
        ok, out = _run(probe)
    if not ok:
        return Engine("xapian", unavailable=f"python3-xapian not importable: {out}")
    cmd = [python, os.path.join(ENGINES_DIR, "xapian_engine.py")]
    return Engine("xapian", index_cmd=cmd + ["index"], query_cmd=cmd + ["query"], version=out)


def _java_home(min_major):
    """A JDK folder whose javac is at least `min_major`, or None."""
    candidates = [os.environ.get("JAVA_HOME", "")] + sorted(glob.glob("/usr/lib/jvm/*"))
    for home in candidates:
        javac = os.path.join(home, "bin", "javac")
        if not home or not os.path.exists(javac):
            continue
        ok, out = _run([javac, "-version"])
        m = re.search(r"javac (\d+)", out)
        if ok and m and int(m.group(1)) >= min_major:
            return home
    return None


def _lucene(log):
    """Fetches lucene-core and lucene-analysis-common (EnglishAnalyzer, for
    the stemmed reference ranking) from Maven Central and compiles
    LuceneBench.java."""
    if not shutil.which("mvn"):
        return Engine("lucene", unavailable="no mvn on PATH to fetch Lucene from Maven Central")
    home, version, notes = _java_home(21), LUCENE_10, []
    if home is None:
        home, version = _java_home(11), LUCENE_9
        notes.append(f"no JDK 21+: Lucene {LUCENE_9} instead of Lucene 10")
    if home is None:
        return Engine("lucene", unavailable="no JDK (javac) found")
    lib = os.path.join(LUCENE_BUILD, f"lib-{version}")
    jars = []
    for artifact in ("lucene-core", "lucene-analysis-common"):
        jar = os.path.join(lib, f"{artifact}-{version}.jar")
        if not os.path.exists(jar):
            log(f"mvn dependency:copy {artifact} {version}")
            ok, out = _run(["mvn", "-q", "-B", "dependency:copy",
                            f"-Dartifact=org.apache.lucene:{artifact}:{version}",
                            f"-DoutputDirectory={lib}"], env=dict(os.environ, JAVA_HOME=home))
            if not ok:
                return Engine("lucene",
                              unavailable=f"mvn could not fetch {artifact} {version}: {out}")
        jars.append(jar)
    jar = os.pathsep.join(jars)
    classes = os.path.join(LUCENE_BUILD, f"classes-{version}")
    source = os.path.join(HERE, "lucene", "LuceneBench.java")
    if version == LUCENE_9:
        # TotalHits is a record (value()) from 10 on, a plain field before.
        os.makedirs(LUCENE_BUILD, exist_ok=True)
        patched = os.path.join(LUCENE_BUILD, "LuceneBench.java")
        with open(source) as f, open(patched, "w") as g:
            g.write(f.read().replace("totalHits.value()", "totalHits.value"))
        source = patched
    ok, out = _run([os.path.join(home, "bin", "javac"), "-cp", jar, "-d", classes, source])
    if not ok:
        return Engine("lucene", unavailable=f"javac failed: {out}")
    cmd = [os.path.join(home, "bin", "java"), "-Xmx1g", "-cp",
           f"{classes}{os.pathsep}{jar}", "LuceneBench"]
    return Engine("lucene", index_cmd=cmd + ["index"], query_cmd=cmd + ["query"],
                  version=f"{version} (JDK {os.path.basename(home)})", notes=notes,
                  threaded=True, english_cmd=cmd + ["rank-english"])


def _trawl(trawl_cli, python_module, log):
    """The CLI (indexing, `trawl eval`) and, if it installs, the Python module
    (in-process query latency); else per-query CLI processes, labelled. The
    drivers find the CLI in $TRAWL_CLI, which run.py sets."""
    if not os.access(trawl_cli, os.X_OK):
        return Engine("trawl", unavailable=f"no CLI at {trawl_cli} (run `make` first)")
    ok, out = _run([trawl_cli, "eval", "--help"])
    if not ok:
        return Engine("trawl", unavailable=f"{trawl_cli} has no `eval` command (rebuild): {out}")
    cli_driver = [sys.executable, os.path.join(ENGINES_DIR, "trawl_cli_engine.py")]
    engine = Engine("trawl", index_cmd=cli_driver + ["index"], version="this tree", threaded=True,
                    notes=["the CLI's default schema stores the body too (peers store only "
                           "the id), so its index holds the text"])
    if python_module == "reuse" and _run([venv_python(), "-c", "import trawl"])[0]:
        ok = True
        engine.notes.append("the Python module installed by an earlier run was reused "
                            "(--reuse-module)")
    elif python_module:
        # Always: an installed module from an older tree would be measured
        # (or fail) in its place. pip reuses its build folder, so this is
        # quick when little changed.
        log("pip install . (the trawl Python module of this tree)")
        ok, out = _run([venv_python(), "-m", "pip", "install", "-q", REPO], timeout=3600)
        if not ok:
            engine.notes.append(f"Python module did not install ({out})")
    else:
        ok = False
    if ok:
        engine.query_cmd = [venv_python(), os.path.join(ENGINES_DIR, "trawl_engine.py"), "query"]
        engine.notes.append("latency in-process through the Python module")
    else:
        engine.query_cmd = cli_driver + ["query"]
        engine.notes.append("LAST RESORT: latency is one `trawl search` process per query")
    return engine


def install_all(trawl_cli, python_module=True, log=print):
    """Every engine of the comparison, installed where possible, plus whether
    pytrec_eval is there for the cross-check."""
    problem = _ensure_venv(log)
    engines = [_trawl(trawl_cli, python_module if not problem else False, log)]
    for name, module in (("tantivy", "tantivy"), ("bm25s", "bm25s"), ("pisa", "pyterrier_pisa")):
        engines.append(Engine(name, unavailable=problem) if problem
                       else _pip_engine(name, module, log))
    engines.append(_lucene(log))
    engines.append(_xapian(log))
    engines.append(Engine(
        "sqlite-fts5", version=f"SQLite {__import__('sqlite3').sqlite_version}",
        index_cmd=[sys.executable, os.path.join(ENGINES_DIR, "sqlite_engine.py"), "index"],
        query_cmd=[sys.executable, os.path.join(ENGINES_DIR, "sqlite_engine.py"), "query"]))
    has_trec_eval = not problem and not _pip_install("pytrec_eval", "pytrec_eval", log)
    return engines, has_trec_eval
