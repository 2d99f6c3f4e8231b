using System.Security.Cryptography;
using FastToken.Keys;

namespace FastToken.Tests.Keys;

/// <summary>Loading JWK Sets as real providers publish them (RFC 7517 5).</summary>
public sealed class JsonWebKeySetTests
{
    [Fact]
    public void Keys_of_other_types_and_curves_are_skipped_not_fatal()
    {
        using ECDsa ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        JsonWebKey usable = JsonWebKey.FromECDsa(ec.ExportParameters(false), "p256");
        string set = $$"""
            {"keys":[
              {{usable.ToJson()}},
              {"kty":"EC","crv":"secp256k1","kid":"k1","x":"AAAA","y":"AAAA"},
              {"kty":"OKP","crv":"Ed25519","kid":"ed","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}
            ]}
            """;

        JsonWebKeySet keys = JsonWebKeySet.Parse(set);

        JsonWebKey only = Assert.Single(keys.Keys);
        Assert.Equal("p256", only.KeyId);
    }

    [Fact]
    public void A_single_key_of_an_unsupported_curve_is_refused_with_a_reason()
    {
        JsonWebKeyException error = Assert.Throws<JsonWebKeyException>(
            () => JsonWebKey.Parse("""{"kty":"EC","crv":"secp256k1","x":"AAAA","y":"AAAA"}"""));

        Assert.Contains("P-256", error.Message);
    }
}
