"""Whether memory stayed flat over the soak, from the readings of each worker."""

from loadtest import soak


def test_growth_is_from_each_workers_first_reading_to_its_last():
    series = [
        (10, {101: 100.0, 102: 110.0}),
        (20, {101: 101.0, 102: 140.0}),
        (30, {101: 102.5, 102: 170.0, 103: 90.0}),
    ]

    changes = {change.pid: change for change in soak.growth(series)}

    assert set(changes) == {101, 102}  # 103 was read once: nothing to compare
    assert changes[101].mb == 2.5
    assert changes[101].flat
    assert changes[102].mb == 60.0
    assert not changes[102].flat


def test_the_allowance_is_the_larger_of_a_fixed_size_and_a_share():
    small = soak.Growth(pid=1, first_mb=50.0, last_mb=50.0 + soak.FLAT_MB)
    large = soak.Growth(pid=2, first_mb=400.0, last_mb=400.0 * (1 + soak.FLAT_SHARE) + 0.1)

    assert small.flat
    assert large.allowed_mb == 400.0 * soak.FLAT_SHARE
    assert not large.flat


def test_shrinking_is_flat():
    assert soak.Growth(pid=1, first_mb=120.0, last_mb=90.0).flat
