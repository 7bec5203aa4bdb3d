#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace idesk {

// Why an operation failed. The kind decides how a caller reacts: the CLI maps
// Validation to exit code 2 and everything else to 1; the GUI shows the message.
struct Error
{
    enum class Kind { Validation, NotFound, Conflict, Storage, Io };
    Kind kind = Kind::Storage;
    QString message;

    static Error validation(QString m) { return {Kind::Validation, std::move(m)}; }
    static Error notFound(QString m) { return {Kind::NotFound, std::move(m)}; }
    static Error conflict(QString m) { return {Kind::Conflict, std::move(m)}; }
    static Error storage(QString m) { return {Kind::Storage, std::move(m)}; }
    static Error io(QString m) { return {Kind::Io, std::move(m)}; }
};

// A value or the reason there is none. Errors cross layer boundaries as values.
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_state(std::move(value)) { }
    Result(Error error) : m_state(std::move(error)) { }

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_state); }
    const T &value() const & { return std::get<0>(m_state); }
    T &&value() && { return std::get<0>(std::move(m_state)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

    const Error &error() const { return std::get<1>(m_state); }
    QString errorMessage() const { return ok() ? QString() : error().message; }

private:
    std::variant<T, Error> m_state;
};

template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) { }

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }
    QString errorMessage() const { return ok() ? QString() : m_error->message; }

private:
    std::optional<Error> m_error;
};

using VoidResult = Result<void>;

} // namespace idesk
