using System.Buffers;
using System.Text.Json;

namespace FastToken.AspNetCore;

/// <summary>
/// Judges a set of <see cref="TokenRequirement"/>s during the validator's single pass over the
/// claims: it looks at <c>scope</c>, <c>scp</c>, <c>roles</c> and <c>role</c> only, and records
/// per requirement which scopes were granted and whether a role matched. Allocates nothing.
/// </summary>
internal ref struct TokenRequirementVisitor : IJwtClaimVisitor
{
    /// <summary>The most requirements judged in one pass; an endpoint rarely has more than one.</summary>
    public const int MaxRequirements = 16;

    // Strings longer than this are unescaped into a pooled buffer instead of the stack.
    private const int StackLimit = 256;

    private readonly IReadOnlyList<TokenRequirementAttribute> _requirements;
    private readonly Span<uint> _scopesGranted;
    private uint _roleHeld;

    /// <summary>
    /// Creates a visitor that records into <paramref name="scopesGranted"/>, one slot per requirement.
    /// </summary>
    public TokenRequirementVisitor(IReadOnlyList<TokenRequirementAttribute> requirements, Span<uint> scopesGranted)
    {
        _requirements = requirements;
        _scopesGranted = scopesGranted;
        _scopesGranted.Clear();
        _roleHeld = 0;
    }

    private static ReadOnlySpan<byte> ScopeClaim => "scope"u8;

    private static ReadOnlySpan<byte> ScpClaim => "scp"u8;

    private static ReadOnlySpan<byte> RolesClaim => "roles"u8;

    private static ReadOnlySpan<byte> RoleClaim => "role"u8;

    /// <summary>One bit per requirement: set when the requirement is met.</summary>
    public readonly uint Outcome
    {
        get
        {
            uint met = 0;
            for (int index = 0; index < _requirements.Count; index++)
            {
                TokenRequirement requirement = _requirements[index].Requirement;
                bool scopes = (_scopesGranted[index] & requirement.AllScopes) == requirement.AllScopes;
                bool roles = requirement.RoleBytes.Length == 0 || (_roleHeld & (1u << index)) != 0;
                if (scopes && roles)
                {
                    met |= 1u << index;
                }
            }

            return met;
        }
    }

    /// <summary>Feeds every top-level member of a claims set to the visitor, outside a validation.</summary>
    /// <returns>False when the JSON is not an object of members.</returns>
    public bool VisitAll(ReadOnlySpan<byte> claimsSet)
    {
        try
        {
            Utf8JsonReader reader = new(claimsSet);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            Span<byte> unescaped = stackalloc byte[StackLimit];
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                // Names are compared unescaped; a name too long for the buffer is none of ours.
                scoped ReadOnlySpan<byte> name = reader.ValueSpan;
                if (reader.ValueIsEscaped)
                {
                    name = name.Length <= StackLimit ? unescaped[..reader.CopyString(unescaped)] : default;
                }

                reader.Read();
                Utf8JsonReader value = reader;
                VisitMember(name, ref value);
                reader.Skip();
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Only the scope and role claims; the validator builds no reader for the others.</summary>
    public static bool WantsClaim(ReadOnlySpan<byte> name) => IsScopeClaim(name) || IsRoleClaim(name);

    /// <inheritdoc/>
    public void VisitClaim(ReadOnlySpan<byte> name, ref Utf8JsonReader value, int valueOffset)
        => VisitMember(name, ref value);

    private static bool IsScopeClaim(scoped ReadOnlySpan<byte> name) =>
        name.SequenceEqual(ScopeClaim) || name.SequenceEqual(ScpClaim);

    private static bool IsRoleClaim(scoped ReadOnlySpan<byte> name) =>
        name.SequenceEqual(RolesClaim) || name.SequenceEqual(RoleClaim);

    private void VisitMember(scoped ReadOnlySpan<byte> name, ref Utf8JsonReader value)
    {
        // RFC 8693 §4.2 and RFC 9068 §2.2.3: "scope" is a space-separated string; some issuers
        // send "scp", as a string or an array.
        bool isScope = IsScopeClaim(name);
        bool isRole = !isScope && IsRoleClaim(name);
        if (!isScope && !isRole)
        {
            return;
        }

        if (value.TokenType == JsonTokenType.String)
        {
            Visit(ref value, isScope);
            return;
        }

        if (value.TokenType != JsonTokenType.StartArray)
        {
            return;
        }

        while (value.Read() && value.TokenType != JsonTokenType.EndArray)
        {
            if (value.TokenType == JsonTokenType.String)
            {
                Visit(ref value, isScope);
            }
            else
            {
                value.Skip();
            }
        }
    }

    private void Visit(ref Utf8JsonReader value, bool isScope)
    {
        int length = value.HasValueSequence ? (int)value.ValueSequence.Length : value.ValueSpan.Length;
        byte[]? rented = null;
        Span<byte> buffer = length <= StackLimit
            ? stackalloc byte[StackLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            int written = value.CopyString(buffer);
            ReadOnlySpan<byte> text = buffer[..written];
            if (isScope)
            {
                // A scope string holds several scopes; a role string is one role.
                foreach (Range part in text.Split((byte)' '))
                {
                    GrantScope(text[part]);
                }
            }
            else
            {
                HoldRole(text);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private readonly void GrantScope(ReadOnlySpan<byte> scope)
    {
        if (scope.IsEmpty)
        {
            return;
        }

        for (int index = 0; index < _requirements.Count; index++)
        {
            byte[][] scopes = _requirements[index].Requirement.ScopeBytes;
            for (int bit = 0; bit < scopes.Length; bit++)
            {
                if (scope.SequenceEqual(scopes[bit]))
                {
                    _scopesGranted[index] |= 1u << bit;
                }
            }
        }
    }

    private void HoldRole(scoped ReadOnlySpan<byte> role)
    {
        for (int index = 0; index < _requirements.Count; index++)
        {
            foreach (byte[] wanted in _requirements[index].Requirement.RoleBytes)
            {
                if (role.SequenceEqual(wanted))
                {
                    _roleHeld |= 1u << index;
                }
            }
        }
    }
}
