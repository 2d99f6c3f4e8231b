using System.Text;
using FastToken.Keys;

namespace FastToken.Tests.Support;

/// <summary>One realistic way to make the validator refuse a token.</summary>
/// <param name="Name">What is wrong with the token.</param>
/// <param name="Expected">The status the validator must return.</param>
/// <param name="Token">The token.</param>
/// <param name="Validator">The validator that judges it.</param>
internal sealed record RejectionCase(string Name, TokenStatus Expected, string Token, JwtValidator Validator)
{
    public byte[] Bytes { get; } = Encoding.UTF8.GetBytes(Token);

    public override string ToString() => Name;
}

/// <summary>
/// At least one hostile or faulty token per status the validator can return. The rule tests
/// go deeper per rule; this catalog lets one test walk every rejection path (for example to
/// count allocations) and fails when a status gains no case.
/// </summary>
internal static class RejectionCatalog
{
    private static readonly Lazy<IReadOnlyList<RejectionCase>> s_cases = new(Create);

    public static IReadOnlyList<RejectionCase> All => s_cases.Value;

    public static RejectionCase Get(string name) => All.Single(c => c.Name == name);

    public static TheoryData<string> Names() => [.. All.Select(c => c.Name)];

    private static List<RejectionCase> Create()
    {
        const string Alg = "\"alg\":\"HS256\"";
        const string Iss = "\"iss\":\"https://issuer.example.com\"";
        const string Aud = "\"aud\":\"api://orders\"";
        const string Exp = "\"exp\":1700003600";
        const long Later = TestTokens.Now + 1;

        JwtValidator standard = TestTokens.Validator();
        JwtValidator typed = TestTokens.Validator(o => o.RequiredType = "at+jwt");
        JwtValidator small = TestTokens.Validator(o => o.MaxTokenLength = 200);
        JwtValidator few = TestTokens.Validator(o => o.MaxClaimCount = 20);
        JsonWebKey shortKey = JsonWebKey.FromSymmetricKey(TestKeys.Secret(7, 16), "short");
        JwtValidator shortKeys = TestTokens.Validator(o => o.Keys = new JsonWebKeySet([shortKey]));

        string hs = TestTokens.Valid(JwtAlgorithm.HS256);
        (string header, string payload, string signature) = TestTokens.Split(hs);
        string deep = new string('[', 20) + new string(']', 20);
        string wide = string.Concat(Enumerable.Range(0, 40).Select(i => $",\"h{i}\":0"));
        string many = string.Join(',', Enumerable.Range(0, 21).Select(i => $"\"c{i}\":0"));
        string elevated = TestTokens.Encode(TestTokens.Claims(subject: "admin"));
        string tooShort = TestTokens.SignWithKid(shortKey, JwtAlgorithm.HS256, "short");
        string rs = TestTokens.Valid(JwtAlgorithm.RS256);
        string ps = TestTokens.Valid(JwtAlgorithm.PS256);
        string untyped = TestTokens.Header(JwtAlgorithm.HS256, "hs256", "JWT");
        string renamed = "\"s\\u0075b\":\"a\",\"sub\":\"b\"";

        RejectionCase Case(string name, TokenStatus expected, string token, JwtValidator? validator = null) =>
            new(name, expected, token, validator ?? standard);
        string Header(string json) => TestTokens.SignHeader(json);
        string Payload(string json) =>
            TestTokens.Sign(JwtAlgorithm.HS256, TestTokens.Header(JwtAlgorithm.HS256, "hs256"), json);
        string FlipLastSignatureByte(string token)
        {
            (string h, string p, string s) = TestTokens.Split(token);
            byte[] bytes = TestTokens.Decode(s);
            bytes[^1] ^= 0x80;
            return $"{h}.{p}.{TestTokens.Encode(bytes)}";
        }

        return
        [
            Case("two segments", TokenStatus.Malformed, $"{header}.{payload}"),
            Case("padding", TokenStatus.Malformed, hs + "="),
            Case("white space", TokenStatus.Malformed, hs + " "),
            Case("non-canonical signature", TokenStatus.Malformed, hs[..^1] + TestTokens.NonCanonicalTwin(hs[^1], 2)),
            Case("header json syntax", TokenStatus.Malformed, Header($"{{{Alg},}}")),
            Case("header lone surrogate", TokenStatus.Malformed, Header($"{{{Alg},\"kid\":\"\\uD800\"}}")),
            Case("header not an object", TokenStatus.Malformed, Header("[\"HS256\"]")),
            Case("payload lone surrogate", TokenStatus.Malformed, Payload("{\"sub\":\"\\uDC00\"}")),
            Case("token too long", TokenStatus.TooLarge, hs, small),
            Case("header too deep", TokenStatus.TooLarge, Header($"{{{Alg},\"x\":{deep}}}")),
            Case("too many header members", TokenStatus.TooLarge, Header($"{{{Alg}{wide}}}")),
            Case("too many claims", TokenStatus.TooLarge, Payload($"{{{many}}}"), few),
            Case("payload not an object", TokenStatus.NotJwt, Payload("[1,2,3]")),
            Case("payload json syntax", TokenStatus.Malformed, Payload("{\"sub\":\"a\",}")),
            Case("payload bad number", TokenStatus.Malformed, Payload("{\"exp\":01}")),
            Case("payload trailing text", TokenStatus.Malformed, Payload("{\"sub\":\"a\"} x")),
            Case("payload too deep", TokenStatus.TooLarge, Payload($"{{\"x\":{deep}}}")),
            Case("alg missing", TokenStatus.HeaderInvalid, Header("{\"typ\":\"at+jwt\"}")),
            Case("b64 false", TokenStatus.HeaderInvalid, Header($"{{{Alg},\"b64\":false}}")),
            Case("alg none", TokenStatus.AlgorithmNotAllowed, $"{TestTokens.Encode("{\"alg\":\"none\"}")}.{payload}."),
            Case("alg EdDSA", TokenStatus.AlgorithmNotAllowed, Header("{\"alg\":\"EdDSA\"}")),
            Case("hmac naming an rsa key", TokenStatus.AlgorithmNotAllowed, Header($"{{{Alg},\"kid\":\"rsa\"}}")),
            Case("crit", TokenStatus.CriticalHeaderUnsupported, Header($"{{{Alg},\"crit\":[\"exp\"]}}")),
            Case("duplicate header member", TokenStatus.DuplicateMember, Header($"{{{Alg},\"\\u0061lg\":1}}")),
            Case("duplicate claim", TokenStatus.DuplicateMember, Payload($"{{{Iss},{Aud},{Exp},{renamed}}}")),
            Case("unknown kid", TokenStatus.KeyNotFound, Header($"{{{Alg},\"kid\":\"gone\"}}")),
            Case("hmac key too short", TokenStatus.KeyTooShort, tooShort, shortKeys),
            Case("hs256 signature", TokenStatus.SignatureInvalid, FlipLastSignatureByte(hs)),
            Case("rs256 signature", TokenStatus.SignatureInvalid, FlipLastSignatureByte(rs)),
            Case("ps256 signature", TokenStatus.SignatureInvalid, FlipLastSignatureByte(ps)),
            Case("tampered payload", TokenStatus.SignatureInvalid, $"{header}.{elevated}.{signature}"),
            Case("exp missing", TokenStatus.ClaimMissing, Payload($"{{{Iss},{Aud}}}")),
            Case("exp as string", TokenStatus.ClaimInvalid, Payload($"{{{Iss},{Aud},\"exp\":\"1\"}}")),
            Case("aud with a number", TokenStatus.ClaimInvalid, Payload($"{{{Iss},\"aud\":[1],{Exp}}}")),
            Case("expired", TokenStatus.Expired, Payload($"{{{Iss},{Aud},\"exp\":{TestTokens.Now}}}")),
            Case("not yet valid", TokenStatus.NotYetValid, Payload($"{{{Iss},{Aud},{Exp},\"nbf\":{Later}}}")),
            Case("wrong issuer", TokenStatus.IssuerInvalid, Payload($"{{\"iss\":\"https://ISSUER\",{Aud},{Exp}}}")),
            Case("wrong audience", TokenStatus.AudienceInvalid, Payload($"{{{Iss},\"aud\":[\"api://x\"],{Exp}}}")),
            Case("wrong type", TokenStatus.TypeInvalid, Header(untyped), typed),
        ];
    }
}
