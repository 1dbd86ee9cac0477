using LxdScope.Fan.Addressing;

namespace LxdScope.Fan.Mapping;

/// <summary>
/// LXD's fan address mapping (<c>fanAddress</c> in lxd/network/driver_bridge.go): the underlay host
/// bits of a member's address become the overlay bits right after the overlay prefix, and the last
/// 8 bits are the member's containers. Overlay /8 over underlay /16: host A.B.X.Y owns 240.X.Y.0/24
/// and its bridge is 240.X.Y.1. VNI = overlay network >> 8; fan MTU = underlay MTU − 50 (VXLAN).
/// </summary>
public sealed class FanMap
{
    /// <summary>LXD's default <c>fan.overlay_subnet</c>.</summary>
    public static readonly Ipv4Subnet DefaultOverlay = Ipv4Subnet.Parse("240.0.0.0/8");

    /// <summary>Outer Ethernet + IPv4 + UDP + VXLAN headers the underlay carries on top of each fan frame.</summary>
    public const int VxlanOverhead = 50;

    public FanMap(Ipv4Subnet overlay, Ipv4Subnet underlay, int underlayMtu = 1500)
    {
        if (underlay.PrefixLength is not (16 or 24))
        {
            throw new ArgumentException($"fan underlay {underlay} must be a /16 or a /24 (as LXD requires)", nameof(underlay));
        }

        if (overlay.PrefixLength is not (8 or 16))
        {
            throw new ArgumentException($"fan overlay {overlay} must be a /8 or a /16 (as LXD requires)", nameof(overlay));
        }

        if (overlay.PrefixLength + (32 - underlay.PrefixLength) + 8 > 32)
        {
            throw new ArgumentException($"fan overlay {overlay} is too small for underlay {underlay}: overlay + (32 − underlay) + 8 must be ≤ 32", nameof(overlay));
        }

        if (underlayMtu is < 576 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(underlayMtu), underlayMtu, "underlay MTU must be between 576 and 65535");
        }

        Overlay = overlay;
        Underlay = underlay;
        UnderlayMtu = underlayMtu;
    }

    public Ipv4Subnet Overlay { get; }

    public Ipv4Subnet Underlay { get; }

    public int UnderlayMtu { get; }

    /// <summary>The VNI LXD gives the fan's VXLAN device: the overlay network address shifted right by 8 (240.0.0.0/8 → 15728640).</summary>
    public uint ExpectedVni => Overlay.Network.Value >> 8;

    /// <summary>The largest IPv4 packet a fan bridge carries without exceeding the underlay MTU.</summary>
    public int FanMtu => UnderlayMtu - VxlanOverhead;

    private int HostBits => 32 - Underlay.PrefixLength;

    /// <summary>The VTEP (underlay address) whose containers use <paramref name="overlayAddress"/>; false outside the overlay.</summary>
    public bool TryGetOwner(Ipv4Address overlayAddress, out Ipv4Address vtep)
    {
        if (!Overlay.Contains(overlayAddress))
        {
            vtep = default;
            return false;
        }

        var hostPart = (overlayAddress.Value << Overlay.PrefixLength) >> Underlay.PrefixLength;
        vtep = new Ipv4Address((Underlay.Network.Value & Underlay.Mask) | hostPart);
        return true;
    }

    /// <summary>The fan bridge address LXD gives the member at <paramref name="vtep"/> (240.X.Y.1 for A.B.X.Y).</summary>
    public Ipv4Address BridgeAddress(Ipv4Address vtep)
    {
        var hostPart = vtep.Value & ~Underlay.Mask;
        return new Ipv4Address(Overlay.Network.Value | (hostPart << (32 - Overlay.PrefixLength - HostBits)) | 1);
    }

    public override string ToString() => $"overlay {Overlay} over underlay {Underlay} (VNI {ExpectedVni}, fan MTU {FanMtu})";
}
