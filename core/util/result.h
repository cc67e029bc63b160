#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

// A small expected-like result: a value or an error. std::expected is C++23.
template <typename T, typename E>
class Result
{
public:
    Result(T value) // NOLINT(google-explicit-constructor): implicit by design, like std::expected
        : m_data(std::in_place_index<0>, std::move(value))
    {}
    static Result failure(E error) { return Result(std::in_place_index<1>, std::move(error)); }

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_data); }
    T &value() & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    const E &error() const { return std::get<1>(m_data); }

    const T *operator->() const { return &value(); }
    const T &operator*() const { return value(); }

private:
    template <std::size_t I, typename V>
    Result(std::in_place_index_t<I> tag, V &&v)
        : m_data(tag, std::forward<V>(v))
    {}
    std::variant<T, E> m_data;
};
