"""Runs the steps of action.yml as the GitHub runner runs a composite action's steps, for
tests/e2e/action.sh: each `run` step in bash with its `env` (the `${{ ... }}` expressions filled
in from the inputs, action.yml's defaults and earlier steps' outputs), GITHUB_ACTION_PATH,
GITHUB_OUTPUT and GITHUB_PATH (whose lines go on PATH for the later steps), a step's `if`
evaluated, and a `uses` step (which cannot run here) reported with its resolved `with`.

Usage: action_steps.py ACTION_YML INPUTS_JSON RESULT_JSON. The steps run in the current
folder with the current environment; the result lists each step's id, whether it ran, its exit
status, outputs and `with`. A failed step skips the later ones unless their `if` has always().
"""

import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def evaluate(expr, inputs, steps, failed):
    """The subset of GitHub's expression language that action.yml uses."""
    python = expr.replace("&&", " and ").replace("||", " or ").replace("!=", " != ")
    python = python.replace("always()", "True").replace("success()", "(not failed)")
    python = python.replace("failure()", "failed")
    python = re.sub(r"\binputs\.([\w-]+)", lambda m: repr(inputs[m.group(1)]), python)
    python = re.sub(
        r"\bsteps\.([\w-]+)\.outputs\.([\w-]+)",
        lambda m: repr(steps.get(m.group(1), {}).get(m.group(2), "")),
        python,
    )
    return eval(python, {"__builtins__": {}}, {"failed": failed, "True": True})  # noqa: S307


def fill(text, inputs, steps, failed):
    return EXPRESSION.sub(lambda m: str(evaluate(m.group(1), inputs, steps, failed)), str(text))


def main():
    action_path, given, result_path = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
    action = yaml.safe_load(open(action_path))
    assert action["runs"]["using"] == "composite", "not a composite action"
    unknown = set(given) - set(action["inputs"])
    assert not unknown, f"inputs action.yml does not declare: {unknown}"
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    inputs.update(given)

    work = tempfile.mkdtemp(prefix="action-")
    github_path = os.path.join(work, "path")
    open(github_path, "w").close()
    steps, results, failed = {}, [], False
    for number, step in enumerate(action["runs"]["steps"]):
        step_id = step.get("id", f"step{number}")
        condition = step.get("if", "success()")
        condition = EXPRESSION.sub(lambda m: m.group(1), str(condition))
        if not evaluate(condition, inputs, steps, failed):
            results.append({"id": step_id, "ran": False})
            continue
        if "uses" in step:
            with_ = {k: fill(v, inputs, steps, failed) for k, v in step.get("with", {}).items()}
            results.append({"id": step_id, "ran": False, "uses": step["uses"], "with": with_})
            continue
        assert step.get("shell") == "bash", f"step {step_id}: only bash steps are run here"
        output = os.path.join(work, f"output{number}")
        open(output, "w").close()
        env = dict(os.environ)
        extra = [line for line in open(github_path).read().splitlines() if line]
        env["PATH"] = os.pathsep.join(list(reversed(extra)) + [env["PATH"]])
        env.update({k: fill(v, inputs, steps, failed) for k, v in step.get("env", {}).items()})
        env.update(
            GITHUB_ACTION_PATH=os.path.dirname(os.path.abspath(action_path)),
            GITHUB_OUTPUT=output,
            GITHUB_PATH=github_path,
            GITHUB_ACTIONS="true",
        )
        script = fill(step["run"], inputs, steps, failed)
        print(f"== step {step_id}: {script.strip()}", flush=True)
        status = subprocess.run(["bash", "-e", "-c", script], env=env).returncode
        outputs = dict(
            line.split("=", 1) for line in open(output).read().splitlines() if "=" in line
        )
        steps[step_id] = outputs
        results.append({"id": step_id, "ran": True, "status": status, "outputs": outputs})
        failed = failed or status != 0
    json.dump(
        {"steps": results, "path": open(github_path).read().splitlines()},
        open(result_path, "w"),
        indent=1,
    )


if __name__ == "__main__":
    main()
