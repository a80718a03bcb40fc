"""What a quiz and a post are, once a quiz file has been checked."""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import asdict, dataclass, field

ANSWERS = ("marketing", "management")

# Platform id -> the name shown to readers.
PLATFORMS = {
    "facebook": "Facebook",
    "instagram": "Instagram",
    "linkedin": "LinkedIn",
    "x": "X",
    "tiktok": "TikTok",
    "threads": "Threads",
    "youtube": "YouTube",
}

# A reader takes about this long to read a post and choose.
SECONDS_PER_POST = 12


@dataclass(frozen=True)
class Post:
    id: str
    platform: str
    account: str
    text: str
    paid: bool
    answer: str
    explanation: str
    context: str | None = None  # what the reader would see around the post: "A reply to @jo", "Scheduled in Buffer"
    image_description: str | None = None
    older_reading: str | None = None
    line: int = field(default=0, compare=False)

    @property
    def platform_name(self) -> str:
        return PLATFORMS[self.platform]

    @property
    def answer_label(self) -> str:
        return self.answer.capitalize()


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

    @property
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
