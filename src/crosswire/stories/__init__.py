"""Story clustering: sort a stream of articles into stories, online and incrementally.

Each article is one ``StoryItem``: a lead vector (title plus the first sentences, ``lead_text``),
its words (``body_terms``), its name words (``entity_keys``), the details its lead states
(``lead_details``), the weekday its lead names and its publication day. A new article ``a`` is
scored against each story ``S`` found among its nearest earlier articles (``LeadIndex``: HNSW search
blocked by publication time)::

    score(a, S) = cos(lead_a, centroid of S's leads)
                + body_weight    * (mean cos(words_a, words_m) - body_prior)     # when both have words
                + entity_weight  * (mean cos(names_a, names_m) - entity_prior)   # when both have names
                + weekday_weight * (share of S's leads naming a's weekday - 1/2)  # when a or S is undated
                - contrast_weight * unknown(a's lead details, S)
                                  * unknown(S's lead details, a)                  # when a or S is undated
                - time_weight    * gap(a, S)                                      # when both are dated

* The lead term compares with the story's centroid (its topic, however varied its members' angles);
  the word and name terms are means over the members ``m`` of ``S`` (average link), so a specific
  word shared with one member of ten counts a tenth. Both come in one step from the story's summed
  vectors (``StorySummary``), and no single look-alike member can pull an article in.
* ``lead``: MiniLM vectors of the leads, L2-normalised.
* ``words`` and ``names``: tf-idf vectors, with document frequencies over the articles seen so far,
  so a word shared by few earlier articles ('Sukanya', '26', '2011') weighs far more than a
  common one ('navy', 'said'). Numbers and years count as words.
* ``weekday``: news leads name the day of the event ('on Saturday'); an undated article whose lead
  names another day than the story's leads is less likely to be the same event.
* ``unknown(D, X)``: the idf-weighted share of the details ``D`` that no text of ``X`` mentions.
  A lead's details are its name words (written with a capital inside a sentence, not in a title-case
  headline) and its figures (not clock times or days of the month). Two undated look-alikes whose
  leads each state what the other never mentions ('INS Sukanya', '26', '2011' against 'INS Mysore',
  '23', 'MV Gibe') are two events; a report that revises a figure or adds a name still mentions most
  of its story's details, and the product stays small. Dated stories are left to the time term (on
  the same days, reports of one event differ in detail as it develops).
* ``gap``: 0 while the article's day is within ``time_grace_days`` of the story's date span, rising
  linearly to 1 at ``time_span_days``. Missing and doubtful dates (after ingest, before 1900) leave
  it out: such an article is clustered on content alone, and its story says so in ``Story.notes``.

The new article joins the best story when that reaches ``join_threshold``; otherwise it opens a new
story, whose id comes from its first article's id and never changes. Every other story that also
reaches ``merge_threshold`` is linked by this bridging article and merged into the oldest of them,
unless the two name different weekdays and none in common while one is undated
(``StorySummary.names_other_days``): two events on different days, resembling each other.
A copy from a syndication group (``dup_group``) always joins its original's story. The same input
order gives the same stories.
"""

from crosswire.stories.build import build_stories, story_item
from crosswire.stories.cluster import Member, StoryBacking, StoryState, assign_stories, story_id_for
from crosswire.stories.features import (
    body_terms,
    entity_keys,
    lead_details,
    lead_text,
    lead_weekday,
    publication_day,
    stream_order,
)
from crosswire.stories.index import DIM, LeadIndex
from crosswire.stories.items import StoryItem, StoryParams
from crosswire.stories.summary import StorySummary

VECTOR_MODEL = "all-MiniLM-L6-v2-int8/lead3"  # embedder and lead_text recipe; change it to re-embed

__all__ = [
    "DIM",
    "VECTOR_MODEL",
    "LeadIndex",
    "Member",
    "StoryBacking",
    "StoryItem",
    "StoryParams",
    "StoryState",
    "StorySummary",
    "assign_stories",
    "body_terms",
    "build_stories",
    "entity_keys",
    "lead_details",
    "lead_text",
    "lead_weekday",
    "publication_day",
    "story_id_for",
    "story_item",
    "stream_order",
]
