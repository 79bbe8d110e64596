"""The API's two kinds of pages: numbered pages for short lists, cursors for long ones.

A module of its own because DRF reads DEFAULT_PAGINATION_CLASS while it defines its
generic views, so this module must not import api.views.
"""

from rest_framework.pagination import CursorPagination, PageNumberPagination


class PagePagination(PageNumberPagination):
    """`?page=2&page_size=100`: for lists of tens of rows (conferences, tracks, reviews)."""

    page_size = 50
    page_size_query_param = "page_size"
    page_size_query_description = "Rows per page, 1 to 200 (default 50)."
    max_page_size = 200


class CursorPagePagination(CursorPagination):
    """`?cursor=…` from the `next`/`previous` links: for lists of thousands of rows.

    Each page costs the same however deep it is, and rows added while a client pages
    through do not shift the pages it has not read yet.
    """

    page_size = 100
    page_size_query_param = "page_size"
    page_size_query_description = "Rows per page, 1 to 500 (default 100)."
    max_page_size = 500
    ordering = ("pk",)
