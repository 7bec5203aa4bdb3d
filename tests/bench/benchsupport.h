#pragma once

#include "incident.h"

#include <QElapsedTimer>
#include <QList>
#include <QRandomGenerator>
#include <QString>

#include <cstdio>

struct sqlite3;

namespace idesk::Bench {

// Percentiles and the like over a set of durations, in milliseconds.
struct Stats
{
    QList<double> samples;
    void add(double ms) { samples.append(ms); }
    double percentile(double p) const;
    double p50() const { return percentile(50); }
    double p99() const { return percentile(99); }
    double mean() const;
};

// A monotonic stopwatch in milliseconds with sub-millisecond resolution.
class Stopwatch
{
public:
    Stopwatch() { m_timer.start(); }
    double elapsedMs() const { return double(m_timer.nsecsElapsed()) / 1e6; }
    void restart() { m_timer.restart(); }

private:
    QElapsedTimer m_timer;
};

// printf to stdout, flushed, so progress shows while a long bench runs.
void say(const char *format, ...) __attribute__((format(printf, 1, 2)));

// An integer command-line argument, or `fallback`.
qint64 intArgument(const QStringList &arguments, int index, qint64 fallback);

// Text that looks like an incident timeline: a skewed vocabulary of ops words
// plus host names, numbers and error codes, so the full-text index has a
// realistic mix of very common and rare terms.
class TextGenerator
{
public:
    explicit TextGenerator(quint32 seed) : m_random(seed) { }
    QString sentence(int minWords = 4, int maxWords = 18);
    QString title();
    QString person();
    EntryKind entryKind();
    QRandomGenerator &random() { return m_random; }

private:
    QString word();
    QRandomGenerator m_random;
};

// A whole incident as an import would bring it: `entries` timeline entries one
// every few seconds from `start`, roles with a handoff, status updates, action
// items, and a postmortem when it is resolved or closed.
Incident generateIncident(TextGenerator &text, int entries, const QDateTime &start);

// A plain sqlite3 connection on `path` with exactly the settings the repository
// uses (WAL, synchronous=FULL, foreign_keys, secure_delete, busy timeout): the
// baseline "raw sqlite3, same pragmas". Aborts on failure.
sqlite3 *openRaw(const QString &path);
void execRaw(sqlite3 *db, const char *sql);

// Removes a database file and its -wal/-shm/-journal files.
void removeDatabase(const QString &path);

} // namespace idesk::Bench
