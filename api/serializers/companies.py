"""Member companies and their case studies: what the directory and the library show, the
short references other resources nest, and the input of a case study's draft."""

from typing import ClassVar

from rest_framework import serializers

from api.serializers.base import StoredImageField, described
from members.models import CaseStudy, MemberCompany, Product


def logo_url_field() -> StoredImageField:
    return StoredImageField(
        url=lambda company: company.logo_large_url,
        help_text="The company's logo, fitted within 480 by 240 pixels (PNG, transparency "
        "kept); null when it has none.",
    )


def logo_thumbnail_url_field() -> StoredImageField:
    return StoredImageField(
        url=lambda company: company.logo_small_url,
        help_text="The logo fitted within 160 by 80 pixels; null when it has none.",
    )


class CompanyRefSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True, help_text="The company's slug.")
    name = serializers.CharField(read_only=True, help_text="The company's name.")
    logo_url = logo_url_field()
    logo_thumbnail_url = logo_thumbnail_url_field()


class CompanySerializer(serializers.ModelSerializer):
    country = serializers.CharField(read_only=True, help_text="ISO 3166-1 alpha-2 code.")
    logo_url = logo_url_field()
    logo_thumbnail_url = logo_thumbnail_url_field()

    class Meta:
        model = MemberCompany
        fields = (
            "slug",
            "name",
            "industry",
            "country",
            "website",
            "description",
            "logo_url",
            "logo_thumbnail_url",
        )
        extra_kwargs = described(
            slug="Identifies the company in URLs and filters.",
            name="The company's name.",
            industry="The company's industry.",
            website="Its web site.",
            description="What the company does.",
        )


class ProductRefSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True, help_text="The product's slug.")
    name = serializers.CharField(read_only=True, help_text="The product's name.")


class CaseStudySerializer(serializers.ModelSerializer):
    company = CompanyRefSerializer(read_only=True, help_text="The company that tells it.")
    products = ProductRefSerializer(many=True, read_only=True, help_text="Products it used.")

    class Meta:
        model = CaseStudy
        fields = (
            "id",
            "company",
            "title",
            "slug",
            "industry",
            "products",
            "challenge",
            "solution",
            "results",
            "state",
            "published_at",
        )
        extra_kwargs = described(
            id="The case study's id.",
            title="Its title.",
            slug="Identifies it within its company.",
            industry="The industry it belongs to.",
            challenge="The problem the company faced.",
            solution="What it did.",
            results="Measurable outcomes.",
            state="draft, in_review or published; the public sees published ones only.",
            published_at="When it was published; null until then.",
        )


class CaseStudyRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True, help_text="The case study's id.")
    title = serializers.CharField(read_only=True, help_text="Its title.")


class CaseStudyWriteSerializer(serializers.ModelSerializer):
    """A draft's text and products; on a change, what is left out keeps its value."""

    products = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Product.objects.all(),
        many=True,
        required=False,
        help_text="Slugs of the products it used.",
    )

    class Meta:
        model = CaseStudy
        fields = ("title", "challenge", "solution", "results", "products")
        extra_kwargs: ClassVar = {
            name: CaseStudySerializer.Meta.extra_kwargs[name]
            for name in ("title", "challenge", "solution", "results")
        }
