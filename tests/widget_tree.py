"""Walk a widget tree (tests for the widgets and the quiz widget share this)."""


def all_widgets(root):
    """``root`` and every widget below it, through ``children``."""
    stack, seen = [root], []
    while stack:
        node = stack.pop()
        seen.append(node)
        stack.extend(getattr(node, "children", ()))
    return seen
