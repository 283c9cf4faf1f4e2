"""RIO/CROHO reference data in the platform: DUO's files imported by the superadmin, the newest in force."""
