"""What each field shows of its issues: a required field left empty is marked neutrally
("必填") until the person has been in it or has tried to mark the report complete."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forms.issues import Issue

if TYPE_CHECKING:
    from forms.validate import Validator
    from ui.editor.form_view import FormView

REQUIRED = "required"  # the validator's code for an empty required field


class FieldStates:
    """Pushes the validator's findings to the field widgets of one open report."""

    def __init__(self) -> None:
        self.validator: Validator | None = None
        self.form: FormView | None = None
        self.visited: set[str] = set()  # keys whose input the focus has left
        self.all_revealed = False  # completion was attempted: every issue shows

    def start(self, validator: Validator, form: FormView) -> None:
        """A report was opened: nothing visited yet; show every field."""
        self.validator, self.form = validator, form
        self.visited = set()
        self.all_revealed = False
        self.show(key for key, _widget in form.built_value_keys())  # the rest when built

    def show(self, keys: object) -> None:
        validator, form = self.validator, self.form
        if validator is None or form is None:
            return
        with form.settling():
            self._show(validator, form, keys)

    def _show(self, validator: Validator, form: FormView, keys: object) -> None:
        for key in keys:
            widget = form.widget_for(key)
            if widget is None or key not in widget.keys():
                continue
            if validator.template.field(key).is_calculated and \
                    widget.text(key) != validator.raw.get(key, ""):
                widget.set_text(key, validator.raw.get(key, ""))  # worked out again
            form.set_applicable(key, validator.applicable(key))
            issues = validator.issues_for(key)
            shown = self.shown_issues(key, issues)
            message = widget.message_text(key)
            widget.show_state(key, shown, validator.display(key),
                              required_pending=len(shown) < len(issues))
            if widget.message_text(key) != message:
                form.reshaped(widget)  # a message line came, went or changed

    def shown_issues(self, key: str, issues: list[Issue]) -> list[Issue]:
        """The issues to show on the field now: all, except an unvisited empty required one."""
        if self.all_revealed or key in self.visited:
            return issues
        return [issue for issue in issues if issue.code != REQUIRED]

    def visit(self, key: str) -> None:
        """The focus left the input of ``key``: from now on it shows everything."""
        if key not in self.visited:
            self.visited.add(key)
            self.show([key])

    def reveal_all(self) -> None:
        """Completion was attempted: every empty required field shows its error."""
        if not self.all_revealed and self.form is not None:
            self.all_revealed = True
            self.show(key for key, _widget in self.form.built_value_keys())
