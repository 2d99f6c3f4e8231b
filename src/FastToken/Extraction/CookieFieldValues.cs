using System.Numerics;

namespace FastToken;

/// <summary>
/// The <c>Cookie</c> field values of one request, searched as if they were one field value
/// joined by <c>"; "</c>, which is how RFC 9113 §8.2.3 says HTTP/2 cookie crumbs recombine.
/// </summary>
/// <remarks>
/// Implementations are ref structs passed by value to generic methods constrained with
/// <c>allows ref struct</c>, so the search stays allocation-free and is not boxed.
/// </remarks>
internal interface ICookieFieldValues<T>
    where T : unmanaged, IBinaryInteger<T>
{
    /// <summary>
    /// Finds the first cookie whose name is <paramref name="name"/> followed by
    /// <paramref name="nameSuffix"/>.
    /// </summary>
    bool TryFind(
        scoped ReadOnlySpan<T> name,
        scoped ReadOnlySpan<T> nameSuffix,
        out ReadOnlySpan<T> value);
}

/// <summary>One <c>Cookie</c> field value, as characters or raw bytes.</summary>
internal readonly ref struct SingleCookieField<T> : ICookieFieldValues<T>
    where T : unmanaged, IBinaryInteger<T>
{
    private readonly ReadOnlySpan<T> _fieldValue;

    public SingleCookieField(ReadOnlySpan<T> fieldValue) => _fieldValue = fieldValue;

    public bool TryFind(
        scoped ReadOnlySpan<T> name,
        scoped ReadOnlySpan<T> nameSuffix,
        out ReadOnlySpan<T> value)
        => CookieHeader.TryFind(_fieldValue, name, nameSuffix, out value);
}

/// <summary>Several <c>Cookie</c> field values as a hosting layer hands them over.</summary>
internal readonly ref struct CookieFieldStrings : ICookieFieldValues<char>
{
    private readonly ReadOnlySpan<string?> _fieldValues;

    public CookieFieldStrings(ReadOnlySpan<string?> fieldValues) => _fieldValues = fieldValues;

    public bool TryFind(
        scoped ReadOnlySpan<char> name,
        scoped ReadOnlySpan<char> nameSuffix,
        out ReadOnlySpan<char> value)
    {
        // A cookie pair never spans a ';', so searching each value in turn finds the same
        // first occurrence as searching the joined header, without joining anything.
        foreach (string? fieldValue in _fieldValues)
        {
            if (CookieHeader.TryFind(fieldValue.AsSpan(), name, nameSuffix, out value))
            {
                return true;
            }
        }

        value = default;
        return false;
    }
}
