"""The server-drawn SVG charts: bars scaled to the largest value, labels escaped."""

from decimal import Decimal

from members.charts import BAR_WIDTH, bar_chart


def test_bar_chart_scales_bars_to_largest_value():
    svg = bar_chart([("Gold", 4), ("Silver", 2)], title="By tier")

    assert (f'width="{BAR_WIDTH}"' in svg, f'width="{BAR_WIDTH // 2}"' in svg) == (True, True)


def test_bar_chart_escapes_labels_and_title():
    svg = bar_chart([("<script>x</script>", Decimal("1500.00"))], title="A & B")

    assert ("<script>" in svg, "&lt;script&gt;" in svg, "A &amp; B" in svg, "1,500" in svg) == (
        False,
        True,
        True,
        True,
    )


def test_bar_chart_without_rows_draws_empty_chart():
    assert bar_chart([], title="Nothing").count("<rect") == 0
