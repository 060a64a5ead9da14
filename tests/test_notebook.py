"""notebooks/explore.ipynb runs top to bottom on a build of the seed, in a kernel of this interpreter."""

from __future__ import annotations

import nbformat
import pytest
from ipykernel.kernelspec import write_kernel_spec
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

from pipeline.run import run
from tests.conftest import REPO, SEED

NOTEBOOK = REPO / "notebooks" / "explore.ipynb"


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed-build")
    assert run([SEED.parent], out, workers=1, progress=False).ok
    return out


def test_explore_notebook_runs_on_the_seed_build(seed_build, tmp_path, monkeypatch):
    monkeypatch.setenv("VANBAN_BUILD", str(seed_build))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))  # nothing written to the home directory
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    # ipykernel's own kernel spec, for this interpreter, in a private folder: no kernelspec install needed
    write_kernel_spec(tmp_path / "kernels" / "python3")
    specs = KernelSpecManager(kernel_dirs=[str(tmp_path / "kernels")])
    kernel = KernelManager(kernel_name="python3", kernel_spec_manager=specs)
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, km=kernel, timeout=120, resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()

    outputs = [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]
    assert not [out for out in outputs if out.output_type == "error"]
    figures = [out for out in outputs if "image/png" in out.get("data", {})]
    assert len(figures) >= 5  # kinds, bearers, 59-NQ/TW, deadlines, most cited, network
    text = "".join(out.get("text", "") for out in outputs)
    assert "2 documents" in text and "cite it in any way" in text
