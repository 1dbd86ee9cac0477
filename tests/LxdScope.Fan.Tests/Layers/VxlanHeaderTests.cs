using LxdScope.Fan.Layers;
using LxdScope.Fan.Tests.Fixtures;

namespace LxdScope.Fan.Tests.Layers;

public sealed class VxlanHeaderTests
{
    [Fact]
    public void The_fan_VNI_is_read_from_bytes_4_to_6()
    {
        // 0800 0000 f000 0000: I flag, VNI 0xF00000 = 240.0.0.0 >> 8.
        Assert.True(VxlanHeader.TryDecode(NotesTrace.ArpRequest.AsSpan(42), out var vxlan));

        Assert.Equal(0x08, vxlan.Flags);
        Assert.True(vxlan.HasValidVni);
        Assert.Equal(15728640u, vxlan.Vni);
    }

    [Fact]
    public void The_reserved_low_byte_does_not_leak_into_the_VNI()
    {
        Assert.True(VxlanHeader.TryDecode(NotesTrace.Hex("0800 0000 0016 a8ff"), out var vxlan));

        Assert.Equal(5800u, vxlan.Vni);
    }

    [Fact]
    public void Clear_I_flag_means_no_valid_VNI()
    {
        Assert.True(VxlanHeader.TryDecode(NotesTrace.Hex("0000 0000 f000 0000"), out var vxlan));

        Assert.False(vxlan.HasValidVni);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void Fewer_than_8_bytes_is_not_a_header(int length)
    {
        Assert.False(VxlanHeader.TryDecode(new byte[length], out _));
    }
}
