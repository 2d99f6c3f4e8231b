using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using FastToken.Keys;

namespace FastToken;

/// <summary>
/// Validates JWS compact JWTs (RFC 7515, 7518, 7519) under the hygiene of RFC 8725, without
/// allocating after warm-up. One instance is immutable and safe to share between threads.
/// </summary>
/// <remarks>
/// The work is ordered so that a hostile token costs as little as possible: size and
/// alphabet first, then the header, the algorithm and the key, then the signature, and only
/// after the signature verifies are the payload decoded and the claims judged.
/// </remarks>
public sealed partial class JwtValidator
{
    /// <summary>The longest signature segment read, in base64url characters (RSA up to 8192 bits).</summary>
    private const int MaxSignatureChars = 1366;

    private const int MaxHeaderMembers = 32;

    /// <summary>
    /// Up to this many claims, duplicates are found by a filter and a short scan; beyond, by a
    /// hash table.
    /// </summary>
    private const int MaxLinearDuplicateScan = 32;

    private static readonly SearchValues<byte> s_compactAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."u8);

    private static ReadOnlySpan<byte> ApplicationPrefix => "application/"u8;

    private readonly IJsonWebKeySource _keys;
    private readonly byte[][] _issuers;
    private readonly byte[][] _audiences;
    private readonly bool _validateIssuer;
    private readonly bool _validateAudience;
    private readonly uint _allowedAlgorithms;
    private readonly byte[]? _requiredType;
    private readonly double _clockSkewSeconds;
    private readonly TimeProvider _timeProvider;
    private readonly bool _requireExpirationTime;
    private readonly int _maxTokenLength;
    private readonly JsonReaderOptions _readerOptions;
    private readonly int _maxClaimCount;
    private readonly int _maxKeyCandidates;
    private readonly int _minimumRsaBits;

    /// <summary>Creates a validator. The options are copied.</summary>
    /// <param name="options">The rules.</param>
    /// <exception cref="ArgumentException">The options are incomplete or contradict themselves.</exception>
    public JwtValidator(JwtValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _keys = options.Keys ?? throw new ArgumentException("Keys are required.", nameof(options));
        _validateIssuer = options.ValidateIssuer;
        _validateAudience = options.ValidateAudience;
        _issuers = [.. options.ValidIssuers.Select(Encoding.UTF8.GetBytes)];
        _audiences = [.. options.ValidAudiences.Select(Encoding.UTF8.GetBytes)];
        if (_validateIssuer && _issuers.Length == 0)
        {
            throw new ArgumentException(
                "ValidIssuers is empty while ValidateIssuer is on: name the issuers, or turn the check off.",
                nameof(options));
        }

        if (_validateAudience && _audiences.Length == 0)
        {
            throw new ArgumentException(
                "ValidAudiences is empty while ValidateAudience is on: name the audiences, or turn the check off.",
                nameof(options));
        }

        IEnumerable<JwtAlgorithm> allowed = options.Algorithms.Count == 0 ? JwtAlgorithms.All : options.Algorithms;
        foreach (JwtAlgorithm algorithm in allowed)
        {
            if (algorithm == JwtAlgorithm.Unknown || !Enum.IsDefined(algorithm))
            {
                throw new ArgumentException($"'{algorithm}' is not a supported algorithm.", nameof(options));
            }

            _allowedAlgorithms |= 1u << (int)algorithm;
        }

        if (options.RequiredType is { } type)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(type);
            _requiredType = StartsWithIgnoreCase(bytes, ApplicationPrefix) ? bytes[ApplicationPrefix.Length..] : bytes;
        }

        if (options.ClockSkew < TimeSpan.Zero || options.MaxTokenLength <= 0 || options.MaxJsonDepth <= 0 ||
            options.MaxClaimCount <= 0 || options.MaxKeyCandidates <= 0 || options.MinimumRsaKeySizeInBits < 0)
        {
            throw new ArgumentException(
                "Clock skew and the RSA minimum must not be negative, and the size bounds must be positive.",
                nameof(options));
        }

        if (options.MaxJsonDepth > JsonSyntax.MaxSupportedDepth)
        {
            throw new ArgumentException(
                $"MaxJsonDepth may be at most {JsonSyntax.MaxSupportedDepth}.",
                nameof(options));
        }

        _clockSkewSeconds = options.ClockSkew.TotalSeconds;
        _timeProvider = options.TimeProvider ?? TimeProvider.System;
        _requireExpirationTime = options.RequireExpirationTime;
        _maxTokenLength = options.MaxTokenLength;
        _readerOptions = new JsonReaderOptions
        {
            MaxDepth = options.MaxJsonDepth,
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
        };
        _maxClaimCount = options.MaxClaimCount;
        _maxKeyCandidates = options.MaxKeyCandidates;
        _minimumRsaBits = options.MinimumRsaKeySizeInBits;
    }

    /// <summary>
    /// The clock this validator judges <c>exp</c> and <c>nbf</c> by; policies judge token age
    /// by it too.
    /// </summary>
    public TimeProvider TimeProvider => _timeProvider;

    /// <summary>The tolerance this validator applies to <c>exp</c> and <c>nbf</c>.</summary>
    public TimeSpan ClockSkew => TimeSpan.FromSeconds(_clockSkewSeconds);

    /// <summary>Validates a token given as UTF-8 (or ASCII) bytes.</summary>
    /// <param name="token">The compact token.</param>
    /// <returns>The result; dispose it when done with its claims.</returns>
    public JwtValidationResult Validate(ReadOnlySpan<byte> token)
    {
        NoClaimVisitor visitor = default;
        return Validate(token, ref visitor);
    }

    /// <summary>Validates a token given as characters, as hosting layers hand them.</summary>
    /// <param name="token">The compact token.</param>
    /// <returns>The result; dispose it when done with its claims.</returns>
    public JwtValidationResult Validate(ReadOnlySpan<char> token)
    {
        NoClaimVisitor visitor = default;
        return Validate(token, ref visitor);
    }

    /// <summary>
    /// Validates a token and shows each claim <paramref name="visitor"/> wants
    /// (<see cref="IJwtClaimVisitor.WantsClaim"/>) to it during the same pass.
    /// </summary>
    /// <typeparam name="TVisitor">The visitor type; a struct is inlined.</typeparam>
    /// <param name="token">The compact token as UTF-8 bytes.</param>
    /// <param name="visitor">The visitor.</param>
    /// <returns>The result; dispose it when done with its claims.</returns>
    public JwtValidationResult Validate<TVisitor>(ReadOnlySpan<byte> token, ref TVisitor visitor)
        where TVisitor : IJwtClaimVisitor, allows ref struct
    {
        if (token.Length > _maxTokenLength)
        {
            return new JwtValidationResult(TokenStatus.TooLarge);
        }

        ValidationContext context = ValidationContext.Rent();
        context.Reset(Capacity(token.Length, 0));
        return Finish(context, ValidateCore(context, token, 0, ref visitor));
    }

    /// <summary>
    /// Validates a token given as characters and shows each claim <paramref name="visitor"/>
    /// wants to it.
    /// </summary>
    /// <typeparam name="TVisitor">The visitor type; a struct is inlined.</typeparam>
    /// <param name="token">The compact token.</param>
    /// <param name="visitor">The visitor.</param>
    /// <returns>The result; dispose it when done with its claims.</returns>
    public JwtValidationResult Validate<TVisitor>(ReadOnlySpan<char> token, ref TVisitor visitor)
        where TVisitor : IJwtClaimVisitor, allows ref struct
    {
        if (token.Length > _maxTokenLength)
        {
            return new JwtValidationResult(TokenStatus.TooLarge);
        }

        ValidationContext context = ValidationContext.Rent();
        context.Reset(Capacity(token.Length, token.Length));

        // A token is ASCII by construction; anything else is malformed, not transcoded.
        if (Ascii.FromUtf16(token, context.Buffer, out int written) != OperationStatus.Done)
        {
            return Finish(context, TokenStatus.Malformed);
        }

        ReadOnlySpan<byte> bytes = context.Buffer.AsSpan(0, written);
        return Finish(context, ValidateCore(context, bytes, written, ref visitor));
    }

    private static int Capacity(int tokenLength, int copied)
    {
        // Decoded header and payload, plus a scratch area as large as both for unescaped strings.
        int decoded = Base64Url.GetMaxDecodedLength(tokenLength);
        return copied + (2 * decoded) + 16;
    }

    private static JwtValidationResult Finish(ValidationContext context, TokenStatus status)
    {
        if (status == TokenStatus.Valid)
        {
            return new JwtValidationResult(context);
        }

        // No result holds this context, so moving its generation on cannot race.
        context.Generation++;
        ValidationContext.Return(context);
        return new JwtValidationResult(status);
    }

    private TokenStatus ValidateCore<TVisitor>(
        ValidationContext context,
        ReadOnlySpan<byte> token,
        int start,
        ref TVisitor visitor)
        where TVisitor : IJwtClaimVisitor, allows ref struct
    {
        // RFC 7515 7.1: BASE64URL(header) '.' BASE64URL(payload) '.' BASE64URL(signature).
        // One vectorized scan rejects padding, white space and every foreign byte at once.
        int firstDot = token.IndexOfAnyExcept(s_compactAlphabet) >= 0 ? -1 : token.IndexOf((byte)'.');
        if (firstDot <= 0)
        {
            return TokenStatus.Malformed;
        }

        ReadOnlySpan<byte> rest = token[(firstDot + 1)..];
        int secondDot = rest.IndexOf((byte)'.');
        if (secondDot < 0)
        {
            return TokenStatus.Malformed;
        }

        ReadOnlySpan<byte> payloadSegment = rest[..secondDot];
        ReadOnlySpan<byte> signatureSegment = rest[(secondDot + 1)..];

        // An empty payload is a detached-content JWS (RFC 7515 F), never "no claims".
        // The signature may be empty here so that alg "none" is reported as such below.
        if (payloadSegment.IsEmpty || payloadSegment.Length % 4 == 1 ||
            signatureSegment.Contains((byte)'.') || signatureSegment.Length > MaxSignatureChars)
        {
            return TokenStatus.Malformed;
        }

        TokenStatus status = ReadProtectedHeader(
            context, token, firstDot, start, out ReadOnlySpan<JsonWebKey> candidates);
        if (status != TokenStatus.Valid)
        {
            return status;
        }

        // The signature, checked before any claim is trusted (RFC 8725 3.2).
        // Sized to the segment, so that the stack is not cleared further than it is used.
        Span<byte> signature = stackalloc byte[Base64Url.GetMaxDecodedLength(signatureSegment.Length)];
        OperationStatus decoded = Base64Url.DecodeFromUtf8(signatureSegment, signature, out _, out int signatureLength);
        if (decoded != OperationStatus.Done)
        {
            return TokenStatus.Malformed;
        }

        ReadOnlySpan<byte> signingInput = token[..(firstDot + 1 + secondDot)];
        status = VerifySignature(context, candidates, signingInput, signature[..signatureLength]);
        if (status != TokenStatus.Valid)
        {
            return status;
        }

        // The claims, in one pass.
        int payloadStart = start + context.HeaderLength;
        context.PayloadStart = payloadStart;
        Span<byte> payloadBytes = context.Buffer.AsSpan(payloadStart);
        decoded = Base64Url.DecodeFromUtf8(payloadSegment, payloadBytes, out _, out context.PayloadLength);
        if (decoded != OperationStatus.Done)
        {
            return TokenStatus.Malformed;
        }

        // A signed payload that is not JSON object text is a valid JWS but no JWT (RFC 7519 7.2);
        // the claims pass judges the object, this the text.
        if (!Utf8.IsValid(context.Payload))
        {
            return TokenStatus.NotJwt;
        }

        return ReadClaims(context, ref visitor);
    }

    /// <summary>
    /// Everything judged from the header segment alone: its syntax and members, the algorithm,
    /// the type, and which keys could verify the token.
    /// </summary>
    private TokenStatus ReadProtectedHeader(
        ValidationContext context,
        ReadOnlySpan<byte> token,
        int firstDot,
        int start,
        out ReadOnlySpan<JsonWebKey> candidates)
    {
        candidates = default;
        ReadOnlySpan<byte> headerSegment = token[..firstDot];

        // The header: decoded into the context, read once. Unescaped header strings go after
        // room for the longest payload the rest of the token could hold.
        context.HeaderStart = start;
        if (!TryDecode(context, headerSegment, start, out context.HeaderLength))
        {
            return TokenStatus.Malformed;
        }

        int payloadMax = Base64Url.GetMaxDecodedLength(token.Length - firstDot);
        context.SetScratch(start + context.HeaderLength + payloadMax, context.Buffer.Length);

        TokenStatus status = ReadHeader(context);
        if (status != TokenStatus.Valid)
        {
            return status;
        }

        if ((_allowedAlgorithms & (1u << (int)context.Algorithm)) == 0)
        {
            return TokenStatus.AlgorithmNotAllowed;
        }

        if (_requiredType is not null && !TypeMatches(context))
        {
            return TokenStatus.TypeInvalid;
        }

        return FindCandidates(context, out candidates);
    }

    private static bool TryDecode(ValidationContext context, ReadOnlySpan<byte> segment, int start, out int length)
    {
        // System.Buffers.Text.Base64Url refuses a non-canonical last character, so one token
        // has exactly one encoding; the alphabet scan has already refused '=' and white space.
        OperationStatus status = Base64Url.DecodeFromUtf8(segment, context.Buffer.AsSpan(start), out _, out length);
        return status == OperationStatus.Done && Utf8.IsValid(context.Buffer.AsSpan(start, length));
    }

    /// <summary>
    /// The keys the header points at (by <c>kid</c>, else by algorithm), refused at once when
    /// none of them could verify this algorithm.
    /// </summary>
    private TokenStatus FindCandidates(ValidationContext context, out ReadOnlySpan<JsonWebKey> candidates)
    {
        JsonWebKeySet keys = _keys.Current;
        JwtAlgorithm algorithm = context.Algorithm;
        candidates = context.KeyIdStart >= 0
            ? keys.FindByKeyId(context.Buffer.AsSpan(context.KeyIdStart, context.KeyIdLength))
            : keys.FindByAlgorithm(algorithm);
        if (candidates.IsEmpty)
        {
            _keys.OnKeyNotFound();
            return TokenStatus.KeyNotFound;
        }

        bool tooShort = false;
        foreach (JsonWebKey key in candidates)
        {
            KeyFit fit = key.Fit(algorithm, _minimumRsaBits);
            if (fit == KeyFit.Fits)
            {
                return TokenStatus.Valid;
            }

            tooShort |= fit == KeyFit.TooShort;
        }

        // A kid that names keys of another type is an algorithm/key mismatch, not a missing key.
        return tooShort ? TokenStatus.KeyTooShort : TokenStatus.AlgorithmNotAllowed;
    }

    private TokenStatus VerifySignature(
        ValidationContext context,
        ReadOnlySpan<JsonWebKey> candidates,
        ReadOnlySpan<byte> signingInput,
        ReadOnlySpan<byte> signature)
    {
        JwtAlgorithm algorithm = context.Algorithm;
        int tried = 0;
        foreach (JsonWebKey key in candidates)
        {
            if (tried == _maxKeyCandidates)
            {
                break;
            }

            if (key.Fit(algorithm, _minimumRsaBits) != KeyFit.Fits)
            {
                continue;
            }

            tried++;
            if (key.Verify(algorithm, signingInput, signature))
            {
                return TokenStatus.Valid;
            }
        }

        return TokenStatus.SignatureInvalid;
    }

    private bool TypeMatches(ValidationContext context)
    {
        if (context.TypeStart < 0)
        {
            return false;
        }

        // RFC 7515 4.1.9: "application/" may be omitted, and media types compare case-insensitively.
        ReadOnlySpan<byte> type = context.Buffer.AsSpan(context.TypeStart, context.TypeLength);
        if (StartsWithIgnoreCase(type, ApplicationPrefix))
        {
            type = type[ApplicationPrefix.Length..];
        }

        return Ascii.EqualsIgnoreCase(type, _requiredType);
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> value, ReadOnlySpan<byte> prefix) =>
        value.Length >= prefix.Length && Ascii.EqualsIgnoreCase(value[..prefix.Length], prefix);

    /// <summary>The visitor used when the caller has none; it wants no claim, so the JIT removes its calls.</summary>
    private struct NoClaimVisitor : IJwtClaimVisitor
    {
        public static bool WantsClaim(ReadOnlySpan<byte> name) => false;

        public readonly void VisitClaim(ReadOnlySpan<byte> name, ref Utf8JsonReader value, int valueOffset)
        {
        }
    }
}
