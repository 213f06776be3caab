/**
 * A small shop for order tests: three warehouses (Hangzhou, Beijing, Guangzhou), tea, cups, a lamp and
 * a gift box bundling one tea with two cups, and the stock each warehouse holds.
 */
export function commerceWorld() {
  return {
    catalogue: {
      products: [{ id: 'p_tea', name: '龙井茶' }, { id: 'p_cup', name: '茶杯' }, { id: 'p_lamp', name: '台灯' }, { id: 'p_gift', name: '礼盒' }],
      skus: [
        { id: 'tea', productId: 'p_tea', name: '龙井 250g', priceFen: 6900 },
        { id: 'cup', productId: 'p_cup', name: '青瓷杯', priceFen: 1500 },
        { id: 'lamp', productId: 'p_lamp', name: '台灯', priceFen: 19900 },
        { id: 'gift_box', productId: 'p_gift', name: '茶礼盒', priceFen: 9900, parts: [{ sku: 'tea', quantity: 1 }, { sku: 'cup', quantity: 2 }] },
      ],
      warehouses: [
        { id: 'wh_hz', name: '杭州仓', region: 'CN-ZJ', lat: 30.2741, lon: 120.1551 },
        { id: 'wh_bj', name: '北京仓', region: 'CN-BJ', lat: 39.9042, lon: 116.4074 },
        { id: 'wh_gz', name: '广州仓', region: 'CN-GD', lat: 23.1291, lon: 113.2644 },
      ],
    },
    stock: [
      { sku: 'tea', warehouse: 'wh_hz', delta: 10, reason: 'import', ref: 'po-1' },
      { sku: 'tea', warehouse: 'wh_bj', delta: 50, reason: 'import', ref: 'po-1' },
      { sku: 'tea', warehouse: 'wh_gz', delta: 50, reason: 'import', ref: 'po-1' },
      { sku: 'cup', warehouse: 'wh_hz', delta: 6, reason: 'import', ref: 'po-1' },
      { sku: 'lamp', warehouse: 'wh_hz', delta: 2, reason: 'import', ref: 'po-1' },
    ],
  };
}
