using System.Globalization;
using LxdScope.Fan.Addressing;
using LxdScope.Fan.Synthesis;

// Timestamps only move forward (one packet at a time, no interleaving of conversations).
// A switch-port mirror of a 12-member fan (underlay 192.168.0.1-12, overlay 240.0.0.0/8, VNI 15728640,
// UDP 8472), 8 containers per member, about 100k packets/s: containers ping each other (85 % default
// size, 10 % 1000 bytes, 5 % near the fan MTU), ARP before a first contact and again when the entry is
// stale, 0.5 % of echoes lost, and members 11 and 12 broken (ARP never answered).
//   FanCaptureGen OUT.pcap [PACKETS]
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: FanCaptureGen OUT.pcap [PACKETS]");
    return 2;
}

var total = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
const int Hosts = 12;
const int Containers = 8;
const uint Vni = 15728640;
var random = new Random(8472);
var buffer = new byte[2048];
var arpSeen = new Dictionary<(int, int), long>();
using var writer = new PcapFileWriter(args[0]);
long written = 0;
var now = 1_764_000_000_000_000L;
ushort seq = 0;

static Ipv4Address HostIp(int h) => new(0xC0A8_0000u | (uint)h);
static Ipv4Address ContainerIp(int h, int c) => new(0xF000_0000u | ((uint)h << 8) | (uint)(10 + c));
static MacAddress Mac(int h, int c) => new(0x0216_3E00_0000UL | ((ulong)h << 8) | (uint)c);
FanFrameWriter.Outer Outer(int from, int to) => new(HostIp(from), HostIp(to), (ushort)(32768 + random.Next(28000)), 8472, Vni);

void Write(int length, long at)
{
    if (written < total)
    {
        writer.Write(buffer.AsSpan(0, length), at);
        written++;
    }
}

while (written < total)
{
    var (a, ca) = (1 + random.Next(Hosts), random.Next(Containers));
    var b = 1 + random.Next(Hosts - 1);
    if (b >= a)
    {
        b++;
    }

    var cb = random.Next(Containers);
    var broken = (a, b) is (11, 12) or (12, 11);
    now += random.Next(2, 18);

    if (!arpSeen.TryGetValue((a * 100 + ca, b * 100 + cb), out var last) || now - last > 5_000_000 || broken)
    {
        Write(FanFrameWriter.ArpRequest(buffer, Outer(a, b), Mac(a, ca), ContainerIp(a, ca), ContainerIp(b, cb)), now);
        if (broken)
        {
            continue;
        }

        arpSeen[(a * 100 + ca, b * 100 + cb)] = now;
        now += 40;
        Write(FanFrameWriter.ArpReply(buffer, Outer(b, a), Mac(b, cb), ContainerIp(b, cb), Mac(a, ca), ContainerIp(a, ca)), now);
    }

    var roll = random.Next(100);
    var size = roll < 85 ? 84 : roll < 95 ? 1028 : 1428;
    seq++;
    Write(FanFrameWriter.Echo(buffer, Outer(a, b), Mac(a, ca), Mac(b, cb), ContainerIp(a, ca), ContainerIp(b, cb), reply: false, (ushort)(a * 100 + ca), seq, size), now);
    if (random.Next(1000) >= 5)
    {
        now += 100 + random.Next(300);
        Write(FanFrameWriter.Echo(buffer, Outer(b, a), Mac(b, cb), Mac(a, ca), ContainerIp(b, cb), ContainerIp(a, ca), reply: true, (ushort)(a * 100 + ca), seq, size), now);
    }
}

Console.Error.WriteLine($"{args[0]}: {written} packets");
return 0;
