using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace OrleansChat.Partitions.Network;

/// <summary>
/// Holds each packet an iptables NFQUEUE rule hands it for a fixed time, then lets it go on: delay where the kernel
/// has no netem (this machine's does not). It speaks the nfnetlink queue protocol on a netlink socket of the
/// namespace it runs in, asking for packet ids only (no payload), and answers every packet with an accept verdict
/// once its time has come. Loss is iptables' own (the statistic match), before the queue.
/// </summary>
public static partial class PacketDelay
{
    private const int AfNetlink = 16;
    private const int SockRaw = 3;
    private const int NetlinkNetfilter = 12;
    private const ushort QueueSubsystem = 3 << 8;
    private const ushort PacketMessage = QueueSubsystem | 0;
    private const ushort VerdictMessage = QueueSubsystem | 1;
    private const ushort ConfigMessage = QueueSubsystem | 2;
    private const ushort Request = 1;
    private const ushort PacketHeaderAttribute = 1;
    private const ushort ConfigCommandAttribute = 1;
    private const ushort ConfigParamsAttribute = 2;
    private const ushort VerdictHeaderAttribute = 2;
    private const byte BindCommand = 1;
    private const byte CopyMetadataOnly = 1;
    private const uint Accept = 1;
    private static readonly Lock Sending = new();

    public static async Task RunAsync(ushort queue, TimeSpan delay, Action ready)
    {
        var socket = Socket(AfNetlink, SockRaw, NetlinkNetfilter);
        if (socket < 0) throw new InvalidOperationException($"No netlink socket (errno {Marshal.GetLastPInvokeError()}).");
        var address = new byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(address, AfNetlink);
        if (Bind(socket, address, address.Length) < 0) throw new InvalidOperationException($"Could not bind the netlink socket (errno {Marshal.GetLastPInvokeError()}).");
        // Bind the queue, then ask for metadata only: the packet id is all a verdict needs.
        SendMessage(socket, ConfigMessage, queue, Attribute(ConfigCommandAttribute, [BindCommand, 0, 0, 0]));
        var parameters = new byte[5];
        BinaryPrimitives.WriteUInt32BigEndian(parameters, 0);
        parameters[4] = CopyMetadataOnly;
        SendMessage(socket, ConfigMessage, queue, Attribute(ConfigParamsAttribute, parameters));
        ready();
        var buffer = new byte[65536];
        while (true)
        {
            var received = Receive(socket, buffer, buffer.Length, 0);
            if (received < 0) throw new InvalidOperationException($"The netlink socket failed (errno {Marshal.GetLastPInvokeError()}).");
            foreach (var id in PacketIds(buffer.AsSpan(0, (int)received)))
            {
                _ = Task.Delay(delay).ContinueWith(_ => Verdict(socket, queue, id), TaskScheduler.Default);
            }
        }
    }

    private static void Verdict(int socket, ushort queue, uint id)
    {
        var verdict = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(verdict, Accept);
        BinaryPrimitives.WriteUInt32BigEndian(verdict.AsSpan(4), id);
        SendMessage(socket, VerdictMessage, queue, Attribute(VerdictHeaderAttribute, verdict));
    }

    /// <summary>The packet ids in a batch of netlink messages: header (16 bytes), nfgenmsg (4), then attributes.</summary>
    private static List<uint> PacketIds(ReadOnlySpan<byte> batch)
    {
        var ids = new List<uint>();
        while (batch.Length >= 20)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(batch);
            if (length < 20 || length > batch.Length) break;
            if (BinaryPrimitives.ReadUInt16LittleEndian(batch[4..]) == PacketMessage)
            {
                var attributes = batch[20..length];
                while (attributes.Length >= 4)
                {
                    var attributeLength = BinaryPrimitives.ReadUInt16LittleEndian(attributes);
                    if (attributeLength < 4 || attributeLength > attributes.Length) break;
                    if ((BinaryPrimitives.ReadUInt16LittleEndian(attributes[2..]) & 0x7fff) == PacketHeaderAttribute)
                    {
                        ids.Add(BinaryPrimitives.ReadUInt32BigEndian(attributes[4..]));
                    }
                    attributes = attributes[Math.Min(Align(attributeLength), attributes.Length)..];
                }
            }
            batch = batch[Math.Min(Align(length), batch.Length)..];
        }
        return ids;
    }

    private static byte[] Attribute(ushort type, byte[] payload)
    {
        var attribute = new byte[Align(4 + payload.Length)];
        BinaryPrimitives.WriteUInt16LittleEndian(attribute, (ushort)(4 + payload.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(attribute.AsSpan(2), type);
        payload.CopyTo(attribute, 4);
        return attribute;
    }

    private static void SendMessage(int socket, ushort type, ushort queue, byte[] attributes)
    {
        var message = new byte[20 + attributes.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(message, (uint)message.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(4), type);
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(6), Request);
        // nfgenmsg: family unspecified, version 0, the queue number (big-endian).
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(18), queue);
        attributes.CopyTo(message, 20);
        lock (Sending)
        {
            if (Send(socket, message, message.Length, 0) < 0) throw new InvalidOperationException($"Could not send to the netlink socket (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    private static int Align(int length) => (length + 3) & ~3;

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    private static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    private static partial int Bind(int socket, byte[] address, int length);

    [LibraryImport("libc", EntryPoint = "send", SetLastError = true)]
    private static partial nint Send(int socket, byte[] buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    private static partial nint Receive(int socket, byte[] buffer, nint length, int flags);
}
