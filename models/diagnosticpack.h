#pragma once

#include "result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace idesk {

// One query of a pack: what to ask Prometheus and how to show the answer.
struct PackQuery
{
    QString title; // "Error ratio"
    QString query; // PromQL; "$window" may stand for the window length ("5m")
    QString unit; // "ratio", "seconds", "percent", "bytes", "count" or free text
    bool operator==(const PackQuery &) const = default;
};

// A named set of diagnostic queries run together over an incident's window.
struct DiagnosticPack
{
    QString name; // unique, case-insensitive
    QString description;
    QList<PackQuery> queries;
    bool builtIn = false; // shipped in resources/, not editable (copy it to change it)
    bool operator==(const DiagnosticPack &) const = default;
};

// The JSON form shared by resources/diagnostic-packs.json and the stored setting
// "diagnostic_packs": {"packs": [{"name", "description", "queries": [{"title",
// "query", "unit"}]}]}. Parsing names the first problem's path.
Result<QList<DiagnosticPack>> diagnosticPacksFromJson(const QByteArray &json);
QByteArray diagnosticPacksToJson(const QList<DiagnosticPack> &packs);

// The packs shipped with the app (the embedded resource), marked builtIn.
QList<DiagnosticPack> builtInDiagnosticPacks();

} // namespace idesk
