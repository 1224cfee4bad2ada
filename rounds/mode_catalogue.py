"""The modes (巡察方式) the product ships, one of each kind, seeded by
``rounds/migrations/0006_inspection_modes`` and, after a flush, by the demo and the tests;
a county renames them, adds its own and sets which count toward coverage in the admin.
A 专项 or a 回头看 does not count to begin with (provincial rule); a 回头看 never may."""

# kind: (name, counts toward coverage), in the county's order
DEFAULT_MODES = {
    "regular": ("常规巡察", True),
    "thematic": ("专项巡察", False),
    "elevated": ("提级巡察", True),
    "cross": ("交叉巡察", True),
    "town_and_village": ("巡乡带村(镇村一体/乡村一体)", True),
    "simplified": ("简易巡", True),
    "look_back": ("回头看", False),
}


def seed_modes(mode_model) -> None:
    """A mode of each kind the county has none of (what exists is left as it is). Takes
    the model so that a migration can pass its historical one."""
    present = set(mode_model.objects.values_list("kind", flat=True))
    mode_model.objects.bulk_create(
        mode_model(name=name, kind=kind, counts_toward_coverage=covers, order=order)
        for order, (kind, (name, covers)) in enumerate(DEFAULT_MODES.items(), start=1)
        if kind not in present
    )
