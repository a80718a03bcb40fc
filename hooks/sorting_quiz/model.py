"""What a quiz and a post are, once a quiz file has been checked."""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import asdict, dataclass, field
from functools import cached_property

from . import facts
from .facts import ANSWERS  # noqa: F401 (for the modules that know answers from the model)


@dataclass(frozen=True)
class Platform:
    name: str  # as readers know it
    paid_label: str | None  # the platform's own word on a paid post; None where posts cannot be paid


# Platform id -> how it shows. Paid labels as each platform words them (checked November 2026).
PLATFORMS = {
    "facebook": Platform("Facebook", "Sponsored"),
    "instagram": Platform("Instagram", "Sponsored"),
    "linkedin": Platform("LinkedIn", "Promoted"),
    "x": Platform("X", "Ad"),
    "tiktok": Platform("TikTok", "Sponsored"),
    "threads": Platform("Threads", "Sponsored"),
    "youtube": Platform("YouTube", "Sponsored"),
    # Business Profile posts cannot be boosted; Google's paid places are ads, not posts.
    "google": Platform("Google Business Profile", None),
    "whatsapp": Platform("WhatsApp", "Sponsored"),
}

# What the business did -> (what `original` is for it, or None when it has none;
# whether the business's own `text` is required, optional or absent).
KINDS = {
    "post": (None, "required"),
    "reply": ("the comment or post it replies to", "required"),
    "repost": ("the post it reposted", "optional"),
    "share": ("the post it shared", "optional"),
    "like": ("the post it liked", "absent"),
    "story": (None, "required"),
    "video": (None, "required"),
    "message": ("the message it answers", "required"),
    "status": (None, "required"),
    "offer": (None, "required"),
}
KINDS_NEEDING_ORIGINAL = ("reply", "repost", "share", "like")

# A reader takes about this long to read a post and choose: the shipped quizzes' posts are 34 to 45
# words on average (up to 73), 10 to 14 seconds at the 200 words a minute reading times use
# (hooks/reading_time.py), and a few seconds to choose and see the mark. Reading the explanation is
# on top, for the posts a reader wants it for. tests/build/test_reading_time.py checks every quiz against it.
SECONDS_PER_POST = 18


@dataclass(frozen=True)
class Original:
    """Someone else's post, comment or message that the business replied to, shared or liked."""

    account: str
    text: str | None = None
    image_description: str | None = None


@dataclass(frozen=True)
class Post:
    id: str
    platform: str
    account: str
    text: str | None  # the business's own words; a like has none, a plain share may have none
    paid: bool
    answer: str
    explanation: str
    kind: str = "post"
    original: Original | None = None
    sells: tuple[str, ...] = ()  # the post's own words (or pictured thing) that put what it sells in front of people
    close_call: str | None = None  # why people split on this one
    case: str | None = None  # the hard case it teaches (an id in the hard cases file)
    trade: str | None = None
    context: str | None = None  # what the reader would see around the post: "Scheduled in Buffer"
    image_description: str | None = None
    older_reading: str | None = None
    line: int = field(default=0, compare=False)

    @property
    def platform_name(self) -> str:
        return PLATFORMS[self.platform].name

    @property
    def paid_label(self) -> str:
        return PLATFORMS[self.platform].paid_label or "Paid"

    @property
    def action(self) -> str | None:
        """What the business did, in words, where it did more than post: "liked a photo by @farm"."""
        whose = self.original.account if self.original else ""
        thing = "photo" if self.original and self.original.image_description and not self.original.text else "post"
        return {
            "reply": f"Replied to {whose}",
            "repost": f"Reposted a {thing} by {whose}",
            "share": f"Shared a {thing} by {whose}",
            "like": f"Liked a {thing} by {whose}",
            "message": f"Answered a message from {whose}" if whose else "Sent a message",
            "story": "Posted a story",
            "video": "Posted a video",
            "status": "Posted a status update",
            "offer": "Posted an offer",
        }.get(self.kind)

    @property
    def original_first(self) -> bool:
        """A reply reads after what it answers; a shared or liked post comes after the business's words."""
        return self.kind in ("reply", "message")

    @property
    def summary(self) -> str:
        """One line that names the post: its own words, or what the business did."""
        return " ".join((self.text or f"{self.account} {(self.action or '').lower()}").split())

    @property
    def worked_answer(self) -> str:
        """The rule itself: paid to show it, or its own words put what it sells in front of people."""
        return worked_answer(self.paid, self.sells)

    @property
    def answer_label(self) -> str:
        return facts.answer_label(self.answer)


def worked_answer(paid: bool, sells: tuple[str, ...]) -> str:
    return facts.worked_answer(paid, bool(sells))


@dataclass(frozen=True)
class CheckChoice:
    """One answer to a hard case's follow-up question on the "Check your own post" page."""

    choice: str  # what the owner picks: "Yes, it does"
    gives: str  # marketing, management, or the id of another hard case that rules it
    because: str | None = None  # the reason, where it gives marketing or management


@dataclass(frozen=True)
class FollowUp:
    """The question that decides a hard case, once an owner has said their post is one."""

    question: str
    choices: tuple[CheckChoice, ...]


@dataclass(frozen=True)
class HardCase:
    """One row of the rulings: a kind of post people find hard to sort, and how it is ruled."""

    id: str
    case: str
    ruling: str
    answer: str
    close_call: bool
    why: str
    example_text: str
    example_answer: str
    older_reading: str | None = None
    spot: str | None = None  # how an owner knows their post is this case (the post checker)
    paid: bool = False  # spotted by question 1 (paid to show it), not among question 2's cases
    then: FollowUp | None = None  # the follow-up that decides it; without one, picking it gives `answer`
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Quiz:
    id: str
    title: str
    summary: str
    posts: tuple[Post, ...]
    intro: str | None = None
    email_posts: tuple[str, ...] = ()
    source: str = field(default="", compare=False)

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(len(self.posts) * SECONDS_PER_POST / 60))

    @cached_property  # a quiz never changes once loaded; pages showing it ask again and again
    def content_hash(self) -> str:
        """Changes whenever anything a reader sees or is marked on changes.

        Saved progress is keyed on it, so an edited quiz never restores stale answers.
        """
        data = asdict(self)
        data.pop("source")
        for post in data["posts"]:
            post.pop("line")
        blob = json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()[:12]

    @property
    def size(self) -> str:
        """`10 posts, about 2 minutes`."""
        posts, minutes = len(self.posts), self.minutes
        return f"{posts} post{'s' if posts != 1 else ''}, about {minutes} minute{'s' if minutes != 1 else ''}"

    def post(self, post_id: str) -> Post | None:
        return next((post for post in self.posts if post.id == post_id), None)
