using System.Text;
using System.Text.Json;
using FastToken.Keys;

namespace FastToken.Policies;

/// <summary>
/// A token policy built at run time with <see cref="TokenPolicyBuilder"/>, for rules known only
/// then. It judges exactly as a generated policy with the same requirements does, in the same
/// single pass over the claims, without allocating; a generated policy avoids its loops.
/// Immutable and safe to share between threads.
/// </summary>
public sealed partial class TokenPolicy
{
    // Slots in the per-validation table of requirements met.
    private const int IssuerSlot = 0;
    private const int AudienceSlot = 1;
    private const int ScopeBase = 2;

    private static ReadOnlySpan<byte> IssuerClaim => "iss"u8;

    private static ReadOnlySpan<byte> AudienceClaim => "aud"u8;

    private static ReadOnlySpan<byte> ScopeClaim => "scope"u8;

    private static ReadOnlySpan<byte> ScpClaim => "scp"u8;

    private readonly string[] _issuerNames;
    private readonly string[] _audienceNames;
    private readonly byte[][] _issuers;
    private readonly byte[][] _audiences;
    private readonly JwtAlgorithm[] _algorithmList;
    private readonly uint _algorithms;
    private readonly string? _typeName;
    private readonly byte[]? _type;
    private readonly byte[][] _scopes;
    private readonly RequirementMatch _scopeMatch;
    private readonly string? _scopeText;
    private readonly byte[][] _roles;
    private readonly RequirementMatch _roleMatch;
    private readonly byte[][] _roleClaims;
    private readonly string? _roleText;
    private readonly ClaimRule[] _claims;
    private readonly double _skewSeconds;
    private readonly double _maxAgeSeconds;
    private readonly int _roleBase;
    private readonly int _claimBase;
    private readonly int _slotCount;

    internal TokenPolicy(TokenPolicyBuilder builder)
    {
        _issuerNames = [.. builder.Issuers];
        _audienceNames = [.. builder.Audiences];
        _issuers = [.. _issuerNames.Select(Encoding.UTF8.GetBytes)];
        _audiences = [.. _audienceNames.Select(Encoding.UTF8.GetBytes)];
        _algorithmList = [.. builder.Algorithms];
        foreach (JwtAlgorithm algorithm in _algorithmList)
        {
            _algorithms |= 1u << (int)algorithm;
        }

        _typeName = builder.Type;
        _type = _typeName is null ? null : Encoding.UTF8.GetBytes(_typeName);
        _scopes = [.. builder.Scopes.Select(Encoding.UTF8.GetBytes)];
        _scopeMatch = builder.ScopeMatch;
        _scopeText = _scopes.Length == 0 ? null : string.Join(' ', builder.Scopes);
        _roles = [.. builder.Roles.Select(Encoding.UTF8.GetBytes)];
        _roleMatch = builder.RoleMatch;
        _roleClaims = builder.RoleClaim is { } roleClaim
            ? [Encoding.UTF8.GetBytes(roleClaim)]
            : [[.. "roles"u8], [.. "role"u8]];
        _roleText = _roles.Length == 0 ? null : string.Join(' ', builder.Roles);
        _claims = [.. builder.Claims];
        _skewSeconds = builder.Skew is { } skew ? skew.TotalSeconds : double.NaN;
        _maxAgeSeconds = builder.MaxAge is { } maxAge ? maxAge.TotalSeconds : double.NaN;
        _roleBase = ScopeBase + _scopes.Length;
        _claimBase = _roleBase + _roles.Length;
        _slotCount = _claimBase + _claims.Length;
    }

    /// <summary>Validates a token given as UTF-8 bytes and judges it under this policy, in one pass.</summary>
    /// <param name="validator">The validator, which checks the signature and the registered claims.</param>
    /// <param name="token">The compact token.</param>
    /// <returns>The outcome; dispose it when done with its claims. Never throws for a bad token.</returns>
    public TokenPolicyResult Validate(JwtValidator validator, ReadOnlySpan<byte> token)
    {
        ArgumentNullException.ThrowIfNull(validator);
        Span<bool> met = stackalloc bool[_slotCount];
        Visitor visitor = new(this, met);
        JwtValidationResult result = validator.Validate(token, ref visitor);
        return Judge(validator, result, met);
    }

    /// <summary>Validates a token given as characters and judges it under this policy, in one pass.</summary>
    /// <param name="validator">The validator, which checks the signature and the registered claims.</param>
    /// <param name="token">The compact token.</param>
    /// <returns>The outcome; dispose it when done with its claims. Never throws for a bad token.</returns>
    public TokenPolicyResult Validate(JwtValidator validator, ReadOnlySpan<char> token)
    {
        ArgumentNullException.ThrowIfNull(validator);
        Span<bool> met = stackalloc bool[_slotCount];
        Visitor visitor = new(this, met);
        JwtValidationResult result = validator.Validate(token, ref visitor);
        return Judge(validator, result, met);
    }

    /// <summary>
    /// Options for a validator that agrees with this policy: its issuers, audiences, algorithms,
    /// type and skew. Such a validator refuses a wrong algorithm before it checks the signature.
    /// </summary>
    /// <param name="keys">The keys to trust.</param>
    /// <returns>New options; the issuer and audience checks are off when the policy names none.</returns>
    public JwtValidationOptions CreateValidationOptions(IJsonWebKeySource keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        JwtValidationOptions options = new()
        {
            Keys = keys,
            ValidIssuers = [.. _issuerNames],
            ValidateIssuer = _issuerNames.Length > 0,
            ValidAudiences = [.. _audienceNames],
            ValidateAudience = _audienceNames.Length > 0,
            Algorithms = [.. _algorithmList],
            RequiredType = _typeName,
        };
        if (!double.IsNaN(_skewSeconds))
        {
            options.ClockSkew = TimeSpan.FromSeconds(_skewSeconds);
        }

        return options;
    }

    private TokenPolicyResult Judge(JwtValidator validator, JwtValidationResult token, ReadOnlySpan<bool> met)
    {
        if (!token.IsValid)
        {
            return TokenPolicyResult.Invalid(token, token.Status);
        }

        // The token rules first: a token that fails them is invalid (401), whatever it grants.
        if (_algorithms != 0 && (_algorithms & (1u << (int)token.Algorithm)) == 0)
        {
            return TokenPolicyResult.Invalid(token, TokenStatus.AlgorithmNotAllowed);
        }

        if (_type is not null && !PolicyChecks.TypeMatches(token.Type, _type))
        {
            return TokenPolicyResult.Invalid(token, TokenStatus.TypeInvalid);
        }

        if (_issuers.Length > 0 && !met[IssuerSlot])
        {
            return TokenPolicyResult.Invalid(token, TokenStatus.IssuerInvalid);
        }

        if (_audiences.Length > 0 && !met[AudienceSlot])
        {
            return TokenPolicyResult.Invalid(token, TokenStatus.AudienceInvalid);
        }

        TokenPolicyResult? timeFailure = JudgeTimes(validator, token);
        if (timeFailure is { } failure)
        {
            return failure;
        }

        // Then the permissions: a token that fails them is valid but forbidden (403).
        if (_scopes.Length > 0 && !AreMet(met.Slice(ScopeBase, _scopes.Length), _scopeMatch))
        {
            return TokenPolicyResult.Denied(token, PolicyFailure.Scope, _scopeText);
        }

        if (_roles.Length > 0 && !AreMet(met.Slice(_roleBase, _roles.Length), _roleMatch))
        {
            return TokenPolicyResult.Denied(token, PolicyFailure.Role, _roleText);
        }

        for (int i = 0; i < _claims.Length; i++)
        {
            if (!met[_claimBase + i])
            {
                return TokenPolicyResult.Denied(token, PolicyFailure.ClaimValue, _claims[i].Name);
            }
        }

        return TokenPolicyResult.Authorized(token);
    }

    private TokenPolicyResult? JudgeTimes(JwtValidator validator, JwtValidationResult token)
    {
        bool hasSkew = !double.IsNaN(_skewSeconds);
        bool hasMaxAge = !double.IsNaN(_maxAgeSeconds);
        if (!hasSkew && !hasMaxAge)
        {
            return null;
        }

        double now = PolicyChecks.Now(validator);
        if (hasSkew)
        {
            TokenStatus lifetime = PolicyChecks.CheckLifetime(in token, now, _skewSeconds);
            if (lifetime != TokenStatus.Valid)
            {
                return TokenPolicyResult.Invalid(token, lifetime);
            }
        }

        double skew = hasSkew ? _skewSeconds : validator.ClockSkew.TotalSeconds;
        if (hasMaxAge && !PolicyChecks.IsAgeAcceptable(in token, now, _maxAgeSeconds, skew))
        {
            return TokenPolicyResult.Denied(token, PolicyFailure.TokenAge, null);
        }

        return null;
    }

    private static bool AreMet(ReadOnlySpan<bool> slots, RequirementMatch match) =>
        match == RequirementMatch.Any ? slots.Contains(true) : !slots.Contains(false);

    private static bool MatchesAny(ref Utf8JsonReader value, byte[][] accepted)
    {
        foreach (byte[] candidate in accepted)
        {
            if (value.ValueTextEquals(candidate))
            {
                return true;
            }
        }

        return false;
    }

    private static void Mark(ref Utf8JsonReader value, byte[][] wanted, Span<bool> slots)
    {
        for (int i = 0; i < wanted.Length; i++)
        {
            if (value.ValueTextEquals(wanted[i]))
            {
                slots[i] = true;
            }
        }
    }

    /// <summary>Records, during the validator's pass, which requirements the claims meet.</summary>
    private readonly ref struct Visitor(TokenPolicy policy, Span<bool> met) : IJwtClaimVisitor
    {
        private readonly Span<bool> _met = met;

        public void VisitClaim(ReadOnlySpan<byte> name, ref Utf8JsonReader value, int valueOffset)
        {
            if (policy._issuers.Length > 0 && name.SequenceEqual(IssuerClaim))
            {
                // RFC 7519 4.1.1; the validator has refused an iss that is not a string.
                _met[IssuerSlot] = MatchesAny(ref value, policy._issuers);
            }

            if (policy._audiences.Length > 0 && name.SequenceEqual(AudienceClaim))
            {
                _met[AudienceSlot] = VisitAudience(ref value);
            }

            if (policy._scopes.Length > 0 && (name.SequenceEqual(ScopeClaim) || name.SequenceEqual(ScpClaim)))
            {
                VisitScopes(ref value, _met.Slice(ScopeBase, policy._scopes.Length));
            }

            if (policy._roles.Length > 0 && IsRoleClaim(name))
            {
                VisitRoles(ref value, _met.Slice(policy._roleBase, policy._roles.Length));
            }

            ClaimRule[] claims = policy._claims;
            for (int i = 0; i < claims.Length; i++)
            {
                if (name.SequenceEqual(claims[i].NameUtf8))
                {
                    Utf8JsonReader copy = value;
                    _met[policy._claimBase + i] = claims[i].Matches(ref copy);
                }
            }
        }

        private bool VisitAudience(ref Utf8JsonReader value)
        {
            // RFC 7519 4.1.3: one string, or an array of which any member may match.
            if (value.TokenType == JsonTokenType.String)
            {
                return MatchesAny(ref value, policy._audiences);
            }

            Utf8JsonReader items = value;
            while (ClaimValues.NextString(ref items))
            {
                if (MatchesAny(ref items, policy._audiences))
                {
                    return true;
                }
            }

            return false;
        }

        private void VisitScopes(ref Utf8JsonReader value, Span<bool> slots)
        {
            if (value.TokenType == JsonTokenType.String)
            {
                ScopeTokens granted = ScopeTokens.Read(in value, stackalloc byte[ScopeTokens.StackBufferSize]);
                byte[][] scopes = policy._scopes;
                for (int i = 0; i < scopes.Length; i++)
                {
                    if (granted.Contains(scopes[i]))
                    {
                        slots[i] = true;
                    }
                }

                granted.Dispose();
                return;
            }

            // scp as an array: each member is one scope.
            Utf8JsonReader items = value;
            while (value.TokenType == JsonTokenType.StartArray && ClaimValues.NextString(ref items))
            {
                Mark(ref items, policy._scopes, slots);
            }
        }

        private void VisitRoles(ref Utf8JsonReader value, Span<bool> slots)
        {
            if (value.TokenType == JsonTokenType.String)
            {
                Mark(ref value, policy._roles, slots);
                return;
            }

            Utf8JsonReader items = value;
            while (value.TokenType == JsonTokenType.StartArray && ClaimValues.NextString(ref items))
            {
                Mark(ref items, policy._roles, slots);
            }
        }

        private bool IsRoleClaim(ReadOnlySpan<byte> name)
        {
            foreach (byte[] claim in policy._roleClaims)
            {
                if (name.SequenceEqual(claim))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
