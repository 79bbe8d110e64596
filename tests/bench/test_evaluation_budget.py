"""The benchmark's evaluation results case (bench/measure.py), on the benchmark's own data at
two small scales: the dataset holds evaluations, and the organizers' results page takes the
same number of queries for a few sessions as for many."""

import pytest
from django.urls import reverse

from bench.dataset import dataset_build
from events.models import Evaluation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("scale", [0.01, 0.05])
def test_bench_evaluation_results_keep_their_queries_as_the_sessions_grow(
    client, django_assert_num_queries, scale
):
    data = dataset_build(scale=scale)
    client.force_login(data.organizer)
    url = reverse("admin:events_evaluation_results", args=[data.conference.pk])
    client.get(url)  # warm the session and content-type caches

    with django_assert_num_queries(11):
        response = client.get(url)

    evaluated = sum(1 for result in response.context["results"] if result.scores.count)
    assert len(response.context["results"]) == data.counts["sessions"]
    assert evaluated > 0
    assert sum(r.scores.count for r in response.context["results"]) == Evaluation.objects.count()
