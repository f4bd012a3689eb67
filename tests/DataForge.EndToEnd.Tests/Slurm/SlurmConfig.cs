using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace DataForge.EndToEnd.Tests.Slurm;

/// <summary>
/// The <c>slurm.conf</c> of a single-node test cluster on the loopback: every state, spool, log and pid file under
/// one folder, munge found through its socket in that folder, free ports, and consumable CPUs (not memory) so
/// several tasks of an array run at once. Finished jobs stay visible to <c>scontrol show job</c> for ten minutes.
/// </summary>
internal static class SlurmConfig
{
    /// <summary>The node's name (slurmd is started with <c>-N</c> this).</summary>
    public const string NodeName = "localhost";

    /// <summary>The partition every job goes to.</summary>
    public const string Partition = "debug";

    /// <summary>The text of <c>slurm.conf</c> for a cluster living in <paramref name="folder"/>, run by <paramref name="user"/>.</summary>
    public static string Text(string folder, string mungeSocket, string user)
    {
        string In(string name) => Path.Combine(folder, name);
        return string.Create(CultureInfo.InvariantCulture, $"""
            ClusterName=dataforge-test
            SlurmctldHost={NodeName}(127.0.0.1)
            SlurmctldPort={FreePort()}
            SlurmdPort={FreePort()}
            SlurmUser={user}
            SlurmdUser={user}
            AuthType=auth/munge
            AuthInfo=socket={mungeSocket}
            CredType=cred/munge
            StateSaveLocation={In("state")}
            SlurmdSpoolDir={In("spool")}
            SlurmctldPidFile={In("slurmctld.pid")}
            SlurmdPidFile={In("slurmd.pid")}
            SlurmctldLogFile={In(Path.Combine("log", "slurmctld.log"))}
            SlurmdLogFile={In(Path.Combine("log", "slurmd.log"))}
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            SelectType=select/cons_tres
            SelectTypeParameters=CR_CPU
            SchedulerType=sched/backfill
            ReturnToService=2
            MpiDefault=none
            JobCompType=jobcomp/none
            JobAcctGatherType=jobacct_gather/none
            AccountingStorageType=accounting_storage/none
            MinJobAge=600
            NodeName={NodeName} NodeAddr=127.0.0.1 CPUs={Environment.ProcessorCount} RealMemory=500 State=UNKNOWN
            PartitionName={Partition} Nodes={NodeName} Default=YES MaxTime=INFINITE State=UP

            """);
    }

    // A port free now; the daemons bind it moments later (a clash would fail the start loudly, not silently).
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
