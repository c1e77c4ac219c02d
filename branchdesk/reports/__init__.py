"""Reports: the monthly statistics (客诉案件统计表), the ledger (投诉台帐) and importing old ledgers."""
