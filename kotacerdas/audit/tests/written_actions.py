"""Every action name the code can write into the audit log, read from the source itself.

An entry is written by ``kotacerdas.audit.log.record`` / ``save_audited`` (the action is their second
argument, or ``action=``), by an action's own helper that passes its parameter on to them (planning's
``save_record(actor, obj, "masterplan.kpi.save", …)``, monitoring's ``_finish``, documents' ``_move``:
found here by following the parameter, to any depth), or by ``AuditEntry.objects.create(action=…)``
(the admin mirror). A name written as a literal is read as is; one built at run time (an f-string)
must be listed in ``BUILT`` with the list its parts come from, or ``written_actions`` reports it as
unknown: a new way of naming an action cannot slip past the audit log's sentences."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the kotacerdas package
Function = ast.FunctionDef | ast.AsyncFunctionDef
# (module, function) → where its action is: (position, keyword)
WRITERS = {
    ("kotacerdas.audit.log", "record"): (1, "action"),
    ("kotacerdas.audit.log", "save_audited"): (1, "action"),
}


def _review_decisions() -> list[str]:
    from kotacerdas.assessment.actions import reviewing

    return [f"assessment.review_{d}" for d in (reviewing.ACCEPT, reviewing.ADJUST, reviewing.RETURN)]


def _period_moves() -> list[str]:
    from kotacerdas.core import monitoring

    return [f"monitoring.period.{state}" for state in monitoring.PERIOD_STATES]


def _period_reminders() -> list[str]:
    from kotacerdas.monitoring import notices

    return [f"monitoring.period.{kind.split('.')[-1]}" for kind in (notices.DUE_SOON, notices.OVERDUE)]


def _report_moves() -> list[str]:
    from kotacerdas.core import monitoring

    targets = {target for moves in monitoring.TRANSITIONS.values() for target in moves}
    return [f"monitoring.{kind}.{t}" for kind in ("kpi_report", "initiative_report") for t in sorted(targets)]


def _deliverable_moves() -> list[str]:
    from kotacerdas.core import progress

    targets = {target for moves in progress.TRANSITIONS.values() for target in moves}
    return [f"deliverable.{target}" for target in sorted(targets)]


def _admin_writes() -> list[str]:
    from django.contrib import admin

    from kotacerdas.audit.signals import ADMIN_VERBS

    models = {str(model._meta.model_name) for model in admin.site._registry}
    return [f"admin.{model}.{verb}" for model in sorted(models) for verb in ADMIN_VERBS.values()]


ADMIN_ACTION = "f\"admin.{model}.{ADMIN_VERBS.get(instance.action_flag, 'change')}\""
# (file, the expression as ast.unparse writes it) → every name it can build, from the list its parts come from
BUILT: dict[tuple[str, str], Callable[[], list[str]]] = {
    ("assessment/actions/reviewing.py", "f'assessment.review_{decision}'"): _review_decisions,
    ("monitoring/actions/periods.py", "f'monitoring.period.{target}'"): _period_moves,
    ("monitoring/actions/periods.py", "f\"monitoring.period.{kind.split('.')[-1]}\""): _period_reminders,
    ("monitoring/actions/reports.py", "f'monitoring.{kind}.{target}'"): _report_moves,
    ("programme/actions/deliverables.py", "f'deliverable.{target}'"): _deliverable_moves,
    ("audit/signals.py", ADMIN_ACTION): _admin_writes,
}


@dataclass
class Module:
    name: str
    path: Path
    tree: ast.Module
    names: dict[str, tuple[str, str]] = field(default_factory=dict)  # local name → (module, function)
    modules: dict[str, str] = field(default_factory=dict)  # local name → module


def _modules() -> list[Module]:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts:
            continue
        name = ".".join(("kotacerdas", *parts)).removesuffix(".py").removesuffix(".__init__")
        module = Module(name, path, ast.parse(path.read_text(encoding="utf-8")))
        for node in module.tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                module.names[node.name] = (name, node.name)
        for child in ast.walk(module.tree):
            if isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                for alias in child.names:
                    module.names[alias.asname or alias.name] = (child.module, alias.name)
                    module.modules[alias.asname or alias.name] = f"{child.module}.{alias.name}"
            elif isinstance(child, ast.Import):
                for alias in child.names:
                    module.modules[alias.asname or alias.name] = alias.name
        found.append(module)
    return found


def _callee(module: Module, call: ast.Call) -> tuple[str, str] | None:
    func = call.func
    if isinstance(func, ast.Name):
        return module.names.get(func.id)
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        owner = module.modules.get(func.value.id)
        return (owner, func.attr) if owner else None
    return None


def _action_argument(call: ast.Call, position: int, keyword: str) -> ast.expr | None:
    for kw in call.keywords:
        if kw.arg == keyword:
            return kw.value
    return call.args[position] if 0 <= position < len(call.args) else None


def _is_audit_create(call: ast.Call) -> bool:
    """``AuditEntry.objects.create(action=…)`` / ``AuditEntry(action=…)``: a write past ``record``."""
    creates = ast.unparse(call.func) in ("AuditEntry.objects.create", "AuditEntry")
    return creates and any(k.arg == "action" for k in call.keywords)


def _parts(expr: ast.expr) -> Iterator[ast.expr]:
    """``a or b`` and ``a if c else b`` may write either."""
    if isinstance(expr, ast.BoolOp):
        for value in expr.values:
            yield from _parts(value)
    elif isinstance(expr, ast.IfExp):
        yield from _parts(expr.body)
        yield from _parts(expr.orelse)
    else:
        yield expr


def _calls(module: Module) -> Iterator[tuple[Function | None, ast.Call]]:
    """Every call, with the function it is written in (None at module level)."""

    def visit(node: ast.AST, owner: Function | None) -> Iterator[tuple[Function | None, ast.Call]]:
        for child in ast.iter_child_nodes(node):
            inner = child if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else owner
            if isinstance(child, ast.Call):
                yield owner, child
            yield from visit(child, inner)

    yield from visit(module.tree, None)


def _parameters(function: Function | None) -> list[str]:
    if function is None:
        return []
    args = function.args
    return [a.arg for a in [*args.posonlyargs, *args.args, *args.kwonlyargs]]


def _default(function: Function, name: str) -> ast.expr | None:
    """A parameter's default value (a helper's action that its callers may leave out)."""
    args = function.args
    positional = [*args.posonlyargs, *args.args]
    pairs = [*zip(positional[len(positional) - len(args.defaults) :], args.defaults, strict=True)]
    pairs += [(a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d is not None]
    return next((default for arg, default in pairs if arg.arg == name), None)


def _writes(modules: list[Module]) -> tuple[list[tuple[Module, Function | None, ast.expr]], list[str]]:
    """Every action expression handed to a writer, writers widened to the helpers that forward one;
    and the helpers this reading cannot follow to their callers (a method: ``self._audit(…)``)."""
    writers = dict(WRITERS)
    while True:
        found = []
        for module in modules:
            for function, call in _calls(module):
                where = _callee(module, call)
                if where in writers:
                    expr = _action_argument(call, *writers[where])
                elif _is_audit_create(call):
                    expr = _action_argument(call, -1, "action")
                else:
                    continue
                if expr is not None:
                    found.append((module, function, expr))
        helpers, defaults, unfollowed = {}, [], []
        for module, function, expr in found:
            for part in _parts(expr):
                if function is None or not (isinstance(part, ast.Name) and part.id in _parameters(function)):
                    continue
                if module.names.get(function.name) != (module.name, function.name):
                    unfollowed.append(f"{module.path.relative_to(ROOT)}: {function.name}({part.id})")
                positional = [a.arg for a in [*function.args.posonlyargs, *function.args.args]]
                position = positional.index(part.id) if part.id in positional else -1
                helpers[(module.name, function.name)] = (position, part.id)
                if (default := _default(function, part.id)) is not None:
                    defaults.append((module, None, default))
        if helpers.keys() <= writers.keys():
            return found + defaults, sorted(set(unfollowed))
        writers.update(helpers)


@dataclass
class Written:
    actions: set[str]
    unknown: list[str]  # "file: expression" of a name built in a way BUILT lists not, or a helper unfollowed


@cache  # one reading of the source serves every test
def written_actions() -> Written:
    actions: set[str] = set()
    writes, unknown = _writes(_modules())
    for module, function, expr in writes:
        for part in _parts(expr):
            if isinstance(part, ast.Constant) and isinstance(part.value, str):
                if part.value:  # "" is a helper's default: its other branch names the action
                    actions.add(part.value)
            elif isinstance(part, ast.Name) and part.id in _parameters(function):
                continue  # a helper's parameter: its callers' names are collected at their calls
            else:
                key = (str(module.path.relative_to(ROOT)), ast.unparse(part))
                if key in BUILT:
                    actions.update(BUILT[key]())
                else:
                    unknown.append(f"{key[0]}: {key[1]}")
    return Written(actions, sorted(unknown))
