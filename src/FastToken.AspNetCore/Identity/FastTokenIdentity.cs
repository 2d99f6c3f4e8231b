using System.Security.Claims;

namespace FastToken.AspNetCore;

/// <summary>
/// The identity of a request authenticated by a FastToken scheme. It holds the validated token
/// and turns its claims into <see cref="Claim"/> objects only when application code first asks
/// for them, so a request whose endpoint needs nothing but the token's validity and its token
/// policies never builds them.
/// </summary>
/// <remarks>
/// Every member that reads or changes claims loads them first, once, safely across threads.
/// <see cref="ClaimsIdentity.IsAuthenticated"/>, <see cref="ClaimsIdentity.AuthenticationType"/>
/// and the members below that describe the token do not.
/// </remarks>
public sealed class FastTokenIdentity : ClaimsIdentity
{
    private const int NotLoaded = 0;
    private const int Loading = 1;
    private const int Loaded = 2;

    private readonly string _text;
    private readonly int _tokenStart;
    private readonly int _tokenLength;
    private string? _token;
    private int _claimsState;
    private IReadOnlyList<TokenRequirementAttribute>? _judged;
    private uint _verdicts;
    private IReadOnlyList<RequireTokenPolicyAttribute>? _policies;
    private uint _policyVerdicts;
    private int _firstRefusedPolicy = -1;
    private string? _firstRefusedScope;

    /// <summary>Creates an identity for a token that has been validated.</summary>
    /// <param name="authenticationType">The scheme name.</param>
    /// <param name="text">A string that contains the token, such as the header value.</param>
    /// <param name="tokenStart">Where the token starts in <paramref name="text"/>.</param>
    /// <param name="tokenLength">The token's length.</param>
    /// <param name="source">Where the token came from.</param>
    /// <param name="validator">The validator that accepted it, for requirements judged later.</param>
    /// <param name="algorithm">The algorithm that verified it.</param>
    /// <param name="expiresAt">Its <c>exp</c>, if any.</param>
    /// <param name="nameType">The claim type that names the user.</param>
    /// <param name="roleType">The claim type that lists roles.</param>
    internal FastTokenIdentity(
        string authenticationType,
        string text,
        int tokenStart,
        int tokenLength,
        TokenSource source,
        JwtValidator validator,
        JwtAlgorithm algorithm,
        DateTimeOffset? expiresAt,
        string nameType,
        string roleType)
        : base(authenticationType, nameType, roleType)
    {
        _text = text;
        _tokenStart = tokenStart;
        _tokenLength = tokenLength;
        Source = source;
        Validator = validator;
        Algorithm = algorithm;
        ExpiresAt = expiresAt;
    }

    /// <summary>Where the token came from.</summary>
    public TokenSource Source { get; }

    /// <summary>The algorithm that verified the token's signature.</summary>
    public JwtAlgorithm Algorithm { get; }

    /// <summary>The token's <c>exp</c>, or <see langword="null"/> when it has none.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>The token as sent, without copying it.</summary>
    public ReadOnlySpan<char> TokenSpan => _text.AsSpan(_tokenStart, _tokenLength);

    /// <summary>
    /// The token as sent, for example to forward it to another API as a bearer token. The
    /// string is made on first use. Treat it as a secret: never log it.
    /// </summary>
    public string Token => _token ??= _tokenStart == 0 && _tokenLength == _text.Length
        ? _text
        : _text.Substring(_tokenStart, _tokenLength);

    /// <summary>Whether the claims have been turned into <see cref="Claim"/> objects yet.</summary>
    public bool ClaimsLoaded => Volatile.Read(ref _claimsState) == Loaded;

    /// <summary>The validator that accepted the token.</summary>
    internal JwtValidator Validator { get; }

    /// <summary>
    /// The scopes of the first token requirement that refused the request, for the 403
    /// challenge; null when none refused or the refusing one named no scope.
    /// </summary>
    internal string? RequiredScope { get; set; }

    /// <inheritdoc/>
    public override IEnumerable<Claim> Claims
    {
        get
        {
            EnsureClaims();
            return base.Claims;
        }
    }

    /// <inheritdoc/>
    public override void AddClaim(Claim claim)
    {
        EnsureClaims();
        base.AddClaim(claim);
    }

    /// <inheritdoc/>
    public override void AddClaims(IEnumerable<Claim?> claims)
    {
        EnsureClaims();
        base.AddClaims(claims);
    }

    /// <inheritdoc/>
    public override void RemoveClaim(Claim? claim)
    {
        EnsureClaims();
        base.RemoveClaim(claim);
    }

    /// <inheritdoc/>
    public override bool TryRemoveClaim(Claim? claim)
    {
        EnsureClaims();
        return base.TryRemoveClaim(claim);
    }

    /// <inheritdoc/>
    public override IEnumerable<Claim> FindAll(Predicate<Claim> match)
    {
        EnsureClaims();
        return base.FindAll(match);
    }

    /// <inheritdoc/>
    public override IEnumerable<Claim> FindAll(string type)
    {
        EnsureClaims();
        return base.FindAll(type);
    }

    /// <inheritdoc/>
    public override Claim? FindFirst(Predicate<Claim> match)
    {
        EnsureClaims();
        return base.FindFirst(match);
    }

    /// <inheritdoc/>
    public override Claim? FindFirst(string type)
    {
        EnsureClaims();
        return base.FindFirst(type);
    }

    /// <inheritdoc/>
    public override bool HasClaim(Predicate<Claim> match)
    {
        EnsureClaims();
        return base.HasClaim(match);
    }

    /// <inheritdoc/>
    public override bool HasClaim(string type, string value)
    {
        EnsureClaims();
        return base.HasClaim(type, value);
    }

    /// <inheritdoc/>
    public override ClaimsIdentity Clone()
    {
        EnsureClaims();
        return base.Clone();
    }

    /// <inheritdoc/>
    public override void WriteTo(BinaryWriter writer)
    {
        EnsureClaims();
        base.WriteTo(writer);
    }

    /// <summary>Keeps the verdicts reached on the endpoint's requirements during validation.</summary>
    /// <param name="judged">The requirements, in the order of the verdict bits.</param>
    /// <param name="verdicts">Bit i is set when requirement i is met.</param>
    internal void SetVerdicts(IReadOnlyList<TokenRequirementAttribute> judged, uint verdicts)
    {
        _judged = judged;
        _verdicts = verdicts;
    }

    /// <summary>Keeps the verdicts of the endpoint's token policies, reached while validating through them.</summary>
    /// <param name="policies">The policies, in the order of the verdict bits.</param>
    /// <param name="verdicts">Bit i is set when policy i authorized the token.</param>
    /// <param name="firstRefused">The index of the first policy that refused it, or -1.</param>
    /// <param name="scope">The scope that policy missed, if a scope.</param>
    internal void SetPolicyVerdicts(
        IReadOnlyList<RequireTokenPolicyAttribute> policies,
        uint verdicts,
        int firstRefused,
        string? scope)
    {
        _policies = policies;
        _policyVerdicts = verdicts;
        _firstRefusedPolicy = firstRefused;
        _firstRefusedScope = scope;
    }

    /// <summary>The verdict on a token policy, if the token was validated through it.</summary>
    /// <returns>Whether it authorized the token and the scope it missed; null when not judged.</returns>
    internal (bool Met, string? Scope)? GetPolicyVerdict(TokenPolicyRequirement requirement)
    {
        IReadOnlyList<RequireTokenPolicyAttribute>? policies = _policies;
        if (policies is null)
        {
            return null;
        }

        for (int index = 0; index < policies.Count; index++)
        {
            if (ReferenceEquals(policies[index].Requirement, requirement))
            {
                bool met = (_policyVerdicts & (1u << index)) != 0;
                return (met, index == _firstRefusedPolicy ? _firstRefusedScope : null);
            }
        }

        return null;
    }

    /// <summary>Finds the FastToken identity of a principal without building any claim.</summary>
    /// <returns>The identity, or null when FastToken did not authenticate the principal.</returns>
    internal static FastTokenIdentity? Find(ClaimsPrincipal? principal)
    {
        if (principal is null)
        {
            return null;
        }

        foreach (ClaimsIdentity identity in principal.Identities)
        {
            if (identity is FastTokenIdentity token)
            {
                return token;
            }
        }

        return null;
    }

    /// <summary>The verdict on <paramref name="requirement"/> if it was judged during validation.</summary>
    /// <returns>Whether it is met, or null when it was not judged.</returns>
    internal bool? GetVerdict(TokenRequirement requirement)
    {
        IReadOnlyList<TokenRequirementAttribute>? judged = _judged;
        if (judged is null)
        {
            return null;
        }

        for (int index = 0; index < judged.Count; index++)
        {
            if (ReferenceEquals(judged[index].Requirement, requirement))
            {
                return (_verdicts & (1u << index)) != 0;
            }
        }

        return null;
    }

    private void EnsureClaims()
    {
        if (Volatile.Read(ref _claimsState) == Loaded)
        {
            return;
        }

        // One thread loads; any other waits for it. Loading reads a validated token and
        // never blocks, so the wait is short.
        if (Interlocked.CompareExchange(ref _claimsState, Loading, NotLoaded) != NotLoaded)
        {
            SpinWait spinner = default;
            while (Volatile.Read(ref _claimsState) != Loaded)
            {
                spinner.SpinOnce();
            }

            return;
        }

        try
        {
            foreach (Claim claim in TokenClaims.Read(TokenSpan, this))
            {
                base.AddClaim(claim);
            }
        }
        finally
        {
            Volatile.Write(ref _claimsState, Loaded);
        }
    }
}
