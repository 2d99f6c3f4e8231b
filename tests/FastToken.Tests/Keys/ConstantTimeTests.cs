using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using FastToken.Keys;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FastToken.Tests.Keys;

/// <summary>
/// The MAC comparison against the platform's fixed-time comparison as the oracle: every
/// length (vector blocks and the fallback alike), equal inputs, and a single flipped bit at
/// every position of every block.
/// </summary>
public sealed class ConstantTimeTests
{
    [Property(MaxTest = 300)]
    public Property Agrees_with_the_platform_comparison() =>
        Prop.ForAll(
            Gen.Choose(0, 130).SelectMany(n => Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), n)).ToArbitrary(),
            Gen.Choose(0, 3).ToArbitrary(),
            (left, change) =>
            {
                byte[] right = change switch
                {
                    0 => (byte[])left.Clone(),
                    1 => [.. left, 0],
                    2 => left.Length == 0 ? [1] : [.. left[..^1], (byte)(left[^1] ^ 0x80)],
                    _ => [.. left.Select(b => (byte)~b)],
                };

                bool expected = CryptographicOperations.FixedTimeEquals(left, right);
                Assert.Equal(expected, ConstantTime.AreEqual(left, right));
                Assert.Equal(expected, ConstantTime.AreEqual(right, left));
            });

    [Theory]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(48)]
    [InlineData(64)]
    [InlineData(31)]
    [InlineData(33)]
    public void Any_one_flipped_bit_is_a_difference(int length)
    {
        byte[] mac = RandomNumberGenerator.GetBytes(length);
        Assert.True(ConstantTime.AreEqual(mac, (byte[])mac.Clone()));
        for (int bit = 0; bit < length * 8; bit++)
        {
            byte[] other = (byte[])mac.Clone();
            other[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(ConstantTime.AreEqual(mac, other), $"bit {bit} of {length} bytes");
        }
    }

    [Fact]
    public void Unaligned_views_and_a_difference_in_a_middle_block_are_compared_right()
    {
        byte[] buffer = RandomNumberGenerator.GetBytes(80);
        byte[] copy = [.. buffer];
        for (int shift = 0; shift < 16; shift++)
        {
            Assert.True(ConstantTime.AreEqual(buffer.AsSpan(shift, 64), copy.AsSpan(shift, 64)));
        }

        copy[1 + 24] ^= 0x10;
        Assert.False(ConstantTime.AreEqual(buffer.AsSpan(1, 48), copy.AsSpan(1, 48)));
        Assert.True(ConstantTime.AreEqual(buffer.AsSpan(1, 16), copy.AsSpan(1, 16)));
    }

    [Fact]
    public void Vector_path_is_the_one_tested_on_the_platforms_we_run()
    {
        // Otherwise every test here would only exercise the platform fallback.
        if (RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64)
        {
            Assert.True(Vector128.IsHardwareAccelerated);
        }
    }

    [Fact]
    public void Lengths_must_match_and_empty_equals_empty()
    {
        byte[] mac = new byte[32];
        Assert.False(ConstantTime.AreEqual(mac, mac.AsSpan(0, 16)));
        Assert.False(ConstantTime.AreEqual(mac, new byte[48]));
        Assert.True(ConstantTime.AreEqual([], []));
    }
}
