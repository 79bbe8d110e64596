"""The programme's day-at-a-glance grid (events/exports/program_pdf/flowables.py): its blocks
link to the entries, every room is printed, and a crowded day splits in time."""

import pytest

from tests.events.exports.program_pdf.program_data import Program, read, words

pytestmark = pytest.mark.django_db


def test_program_grid_blocks_link_to_session_entries(program):
    reader = read(program.build())
    numbers = {}
    for index, page in enumerate(reader.pages):
        assert page.indirect_reference is not None
        numbers[page.indirect_reference.idnum] = index
    links = [
        annotation.get_object()
        for annotation in reader.pages[1].get("/Annots", [])
        if annotation.get_object().get("/Subtype") == "/Link"
    ]

    targets = [numbers[link["/Dest"][0].idnum] for link in links]

    # The keynote, two talks and the coffee break of day one, each to its entry.
    assert len(targets) == 4
    for target in targets:
        assert "Sessions · Monday 10 June" in words(reader.pages[target].extract_text())


def test_program_with_24_rooms_prints_every_room_on_grid_pages():
    agenda = Program(rooms=24)
    for room in range(24):
        agenda.talk(f"Session in room {room + 1}", room=room, hour=9 + room % 6)

    reader = read(agenda.build())

    grids = [page for page in reader.pages if page.mediabox.width > page.mediabox.height]
    grid_text = " ".join(words(page.extract_text()) for page in grids)
    assert len(grids) == 3  # 8 rooms a page
    for room in range(1, 25):
        assert f"Hall {room}" in grid_text


def test_program_of_a_crowded_day_splits_its_grid_in_time():
    agenda = Program(rooms=1)
    for number in range(60):  # ten-minute talks from 08:00 to 18:00 in one room
        agenda.talk(
            f"Lightning {number}", hour=8 + number // 6, minute=(number % 6) * 10, minutes=10
        )

    reader = read(agenda.build())

    grids = [page for page in reader.pages if page.mediabox.width > page.mediabox.height]
    assert len(grids) == 2
