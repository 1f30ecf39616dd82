"""The numbers shown under a figure: a label, the value as text, and what goes beside it.

Experiments say what a page shows under its figures as :class:`Readout` rows; the page
frame draws them (``Page.readouts``), so every page lays them out the same way.
"""

from __future__ import annotations

from typing import NamedTuple


class Readout(NamedTuple):
    """One number under a figure, as the page shows it.

    Attributes
    ----------
    label : str
        What the number is (``"β̂₂"``, ``"penalty λ"``).
    value : str
        The number as text, kept short so it reads in a narrow column.
    note : str or None
        A word shown small under the value (``"exactly"`` under an exact zero).
    help : str or None
        A tooltip that says more.

    Examples
    --------
    >>> Readout("β̂₂", "0", note="exactly")
    Readout(label='β̂₂', value='0', note='exactly', help=None)
    >>> label, value, *_ = Readout("penalty λ", "4.55")
    >>> label, value
    ('penalty λ', '4.55')
    """

    label: str
    value: str
    note: str | None = None
    help: str | None = None
