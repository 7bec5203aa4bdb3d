#include "timelinefilter.h"

#include <algorithm>

namespace idesk {

namespace {

// SQLite's LIKE folds A–Z only; anything else must match exactly.
char16_t foldAscii(char16_t c)
{
    return c >= u'A' && c <= u'Z' ? char16_t(c - u'A' + u'a') : c;
}

bool containsFoldingAscii(const QString &haystack, const QString &needle)
{
    if (needle.isEmpty())
        return true;
    const auto equal
        = [](QChar a, QChar b) { return foldAscii(a.unicode()) == foldAscii(b.unicode()); };
    return std::search(haystack.cbegin(), haystack.cend(), needle.cbegin(), needle.cend(), equal)
        != haystack.cend();
}

} // namespace

bool TimelineFilter::isEmpty() const
{
    return kinds.isEmpty() && author.trimmed().isEmpty() && text.trimmed().isEmpty();
}

bool TimelineFilter::matches(const TimelineEntry &entry) const
{
    if (!kinds.isEmpty() && !kinds.contains(entry.kind))
        return false;
    if (!containsFoldingAscii(entry.author, author.trimmed()))
        return false;
    const QString phrase = text.trimmed();
    // A redacted entry's text is gone; only an empty phrase matches it.
    return phrase.isEmpty() || (!entry.isRedacted() && containsFoldingAscii(entry.text, phrase));
}

TimelineFilter TimelineFilter::normalised() const
{
    TimelineFilter n;
    n.kinds = kinds;
    std::sort(n.kinds.begin(), n.kinds.end());
    n.kinds.erase(std::unique(n.kinds.begin(), n.kinds.end()), n.kinds.end());
    n.author = author.trimmed();
    n.text = text.trimmed();
    return n;
}

} // namespace idesk
